import { desiredSize } from '../actions/scheme';
import { followsPoolTotal, poolSize, type PoolStatus } from '../drivers/driver';
import type { FinishedRecord, Intent, Outcome } from '../intents/records';
import { applyPlan, untilAborted, type ApplyStepContext } from './apply-step';
import { clamp } from './safety';
import type { PoolRuntime } from './types';

/** What running one intent needs from the engine: what its apply step needs, and more. */
export interface RunContext extends ApplyStepContext {
  readonly dryRun: boolean;
  readonly intents: ReadonlyMap<string, Intent>;
}

export type RunResult =
  | { readonly kind: 'finished'; readonly finished: FinishedRecord; readonly changed: boolean; readonly applySeconds?: number }
  /** Aborted by shutdown: left unfinished in the log for reconciliation on restart. */
  | { readonly kind: 'interrupted' };

/** The change a scale-back reverses: the applied delta of the intent it undoes, or undefined. */
export function reversedDelta(intent: Intent, intents: ReadonlyMap<string, Intent>): number | undefined {
  const undone = intent.accepted.undoes === undefined ? undefined : intents.get(intent.accepted.undoes);
  if (!undone?.planned || undone.finished?.outcome !== 'applied') return undefined;
  const delta = undone.planned.to - undone.planned.from;
  return delta === 0 ? undefined : delta;
}

/**
 * Runs one intent that the safety limits already let through: observe, size, clamp, plan, record the
 * plan, apply (unless dry-run), record the result. Never throws; failures become a `failed` record.
 */
export async function runIntent(intent: Intent, pool: PoolRuntime, ctx: RunContext): Promise<RunResult> {
  const { accepted } = intent;
  const finish = async (outcome: Outcome, extra: Partial<FinishedRecord> = {}, changed = false, applySeconds?: number): Promise<RunResult> => {
    const finished: FinishedRecord = { type: 'finished', id: accepted.id, at: ctx.now(), outcome, ...extra };
    await ctx.record(finished);
    intent.finished = finished;
    return { kind: 'finished', finished, changed, applySeconds };
  };
  try {
    let delta: number | undefined;
    if (accepted.action === 'scale_back') {
      delta = reversedDelta(intent, ctx.intents);
      if (delta === undefined) return await finish('skipped', { reason: 'no_matching_action', detail: 'the firing intent changed nothing' });
    }
    const status = await untilAborted(pool.driver.status(ctx.signal), ctx.signal);
    ctx.observed(pool.name, status);
    const size = poolSize(status);
    const desired = delta !== undefined ? size - delta : desiredSize(accepted.action as Exclude<typeof accepted.action, 'scale_back'>, accepted.amount!, size);
    const target = clamp(desired, pool.config.min, pool.config.max);
    const bound = target !== desired ? ` (asked ${desired}, pool bounds ${pool.config.min}..${pool.config.max})` : '';
    if (target === size) {
      const held = ctx.dryRun ? undefined : await holdTotal(intent, pool, ctx);
      return await finish('noop', { detail: `pool already at ${target}${bound}${held ?? ''}`, active: status.active });
    }
    const plan = pool.driver.plan(status, target);
    const planned = { type: 'planned' as const, id: accepted.id, at: ctx.now(), from: size, to: target, dryRun: ctx.dryRun };
    await ctx.record(planned);
    intent.planned = planned;
    if (ctx.dryRun) return await finish('dry_run', { detail: `would move ${size} → ${target}${bound}: ${plan.steps.map((s) => `${s.op} ${s.unit}`).join(', ')}` }, true);
    const applied = await applyPlan(intent, pool, plan, ctx, (reason) => reason instanceof ShutdownAbort);
    const held = applied.outcome === 'applied' ? await holdTotal(intent, pool, ctx) : undefined;
    const detail = [applied.detail ?? (bound ? `clamped${bound}` : undefined), held].filter(Boolean).join('') || undefined;
    return await finish(applied.outcome, { active: applied.active, detail }, applied.outcome !== 'failed', applied.applySeconds);
  } catch (err) {
    if (ctx.signal.aborted && ctx.signal.reason instanceof ShutdownAbort) return { kind: 'interrupted' };
    const timedOut = ctx.signal.aborted && (ctx.signal.reason as Error | undefined)?.name === 'TimeoutError';
    const message = timedOut ? 'the driver did not finish within actionTimeoutSeconds' : err instanceof Error ? err.message : String(err);
    try {
      return await finish('failed', { detail: message });
    } catch {
      return { kind: 'interrupted' };
    }
  }
}

/**
 * A set-point that carries the pool's total, for a driver that keeps its own standby: the driver now
 * keeps that total, after the set-point's own change (so standby is counted against the new active
 * units). Returns a note for the intent's detail, or undefined when there is nothing to hold; never
 * throws: the set-point's change stands even when the standby could not be moved.
 */
async function holdTotal(intent: Intent, pool: PoolRuntime, ctx: RunContext): Promise<string | undefined> {
  const total = intent.accepted.poolHosts;
  if (total === undefined || !followsPoolTotal(pool.driver)) return undefined;
  try {
    const after: PoolStatus = await untilAborted(pool.driver.holdPoolTotal(total, ctx.signal), ctx.signal);
    ctx.observed(pool.name, after);
    return `; holds ${total} hosts (active + standby): ${after.standby} standby`;
  } catch (err) {
    return `; holding ${total} hosts (active + standby) failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** The abort reason used when SIGTERM's drain deadline passes. */
export class ShutdownAbort extends Error {
  override readonly name = 'ShutdownAbort';
}
