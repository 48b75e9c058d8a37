import { desiredSize } from '../actions/scheme';
import { poolSize, type PoolStatus } from '../drivers/driver';
import type { FinishedRecord, Intent, IntentRecord, Outcome } from '../intents/records';
import { clamp } from './safety';
import type { PoolRuntime } from './types';

/** What running one intent needs from the engine. */
export interface RunContext {
  readonly now: () => number;
  readonly dryRun: boolean;
  readonly signal: AbortSignal;
  readonly record: (r: IntentRecord) => Promise<void>;
  readonly observed: (pool: string, status: PoolStatus) => void;
  readonly intents: ReadonlyMap<string, Intent>;
}

export type RunResult =
  | { readonly kind: 'finished'; readonly finished: FinishedRecord; readonly changed: boolean; readonly applySeconds?: number }
  /** Aborted by shutdown: left unfinished in the log for reconciliation on restart. */
  | { readonly kind: 'interrupted' };

/**
 * Settles when `work` does or when `signal` aborts, whichever comes first, so a driver that ignores the
 * signal (or a hung API) cannot hold its pool forever; the abandoned call is re-observed next time.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

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
    if (target === size) return await finish('noop', { detail: `pool already at ${target}${bound}`, active: status.active });
    const plan = pool.driver.plan(status, target);
    const planned = { type: 'planned' as const, id: accepted.id, at: ctx.now(), from: size, to: target, dryRun: ctx.dryRun };
    await ctx.record(planned);
    intent.planned = planned;
    if (ctx.dryRun) return await finish('dry_run', { detail: `would move ${size} → ${target}${bound}: ${plan.steps.map((s) => `${s.op} ${s.unit}`).join(', ')}` }, true);
    const started = performance.now();
    const context = { intent: accepted.id, action: accepted.action, tier: accepted.tier, fingerprint: accepted.fingerprint };
    const after = await untilAborted(pool.driver.apply(plan, { signal: ctx.signal, context }), ctx.signal);
    const applySeconds = (performance.now() - started) / 1000;
    ctx.observed(pool.name, after);
    return await finish('applied', { active: after.active, detail: bound ? `clamped${bound}` : undefined }, true, applySeconds);
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

/** The abort reason used when SIGTERM's drain deadline passes. */
export class ShutdownAbort extends Error {
  override readonly name = 'ShutdownAbort';
}
