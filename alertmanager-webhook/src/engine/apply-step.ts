import { poolSize, type ActionContext, type Plan, type PoolStatus } from '../drivers/driver';
import type { AcceptedRecord, ApplyingRecord, Intent, IntentRecord } from '../intents/records';
import { realOrphanDeps, runningGroups, stopGroups, type OrphanDeps } from './orphans';
import type { PoolRuntime } from './types';

/** How long the pool may take to answer when it is observed after a failed apply. */
export const OBSERVE_AFTER_FAILURE_MS = 30_000;

export interface ApplyStepContext {
  readonly now: () => number;
  readonly signal: AbortSignal;
  /** ms since epoch after which the apply is stopped; recorded so a restarted webhook knows it too. */
  readonly deadline: number;
  readonly record: (r: IntentRecord) => Promise<void>;
  readonly observed: (pool: string, status: PoolStatus) => void;
  readonly orphans?: OrphanDeps;
}

export interface ApplyOutcome {
  /** applied: the pool is at the target; failed: it is still at the start and nothing runs; uncertain: anything else. */
  readonly outcome: 'applied' | 'failed' | 'uncertain';
  readonly active?: number;
  readonly detail?: string;
  readonly applySeconds: number;
}

/** Everything a driver may pass on about the action (the same on a first apply and on a re-apply). */
export function actionContext(accepted: AcceptedRecord): ActionContext {
  return { intent: accepted.id, action: accepted.action, tier: accepted.tier, fingerprint: accepted.fingerprint };
}

/**
 * Calls the driver for a planned intent, exactly-once style: records `applying` (with the deadline)
 * before the driver starts anything and the process group once the driver reports one, passes the
 * full action context, and when the driver fails, settles what it left behind before deciding: any
 * program still running for the intent is stopped, then the pool is observed. Only when the pool is
 * still at the starting size and nothing was left running is the outcome `failed` (which releases the
 * alert's dedupe key, so a redelivery may try again); when the effect cannot be known it is `uncertain`
 * and the key stays reserved. Rethrows when `signal` aborted for shutdown (reconciled on restart).
 */
export async function applyPlan(intent: Intent, pool: PoolRuntime, plan: Plan, ctx: ApplyStepContext, isShutdown: (reason: unknown) => boolean): Promise<ApplyOutcome> {
  const id = intent.accepted.id;
  const applying: ApplyingRecord = { type: 'applying', id, at: ctx.now(), deadline: ctx.deadline };
  await ctx.record(applying);
  intent.applying = applying;
  const onProcess = async (pgid: number) => {
    const withGroup: ApplyingRecord = { ...applying, at: ctx.now(), pgid };
    await ctx.record(withGroup);
    intent.applying = withGroup;
  };
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let driverSettled = false;
  const work = pool.driver.apply(plan, { signal: ctx.signal, context: actionContext(intent.accepted), onProcess }).finally(() => (driverSettled = true));
  try {
    const after = await untilAborted(work, ctx.signal);
    ctx.observed(pool.name, after);
    return { outcome: 'applied', active: after.active, applySeconds: seconds() };
  } catch (err) {
    if (ctx.signal.aborted && isShutdown(ctx.signal.reason)) throw err;
    work.catch(() => undefined);
    const timedOut = ctx.signal.aborted && (ctx.signal.reason as Error | undefined)?.name === 'TimeoutError';
    const why = timedOut ? 'the driver did not finish within actionTimeoutSeconds' : err instanceof Error ? err.message : String(err);
    const deps = ctx.orphans ?? realOrphanDeps;
    const stopped = await stopGroups(() => runningGroups(id, intent.applying?.pgid), deps);
    const leftRunning = stopped || !driverSettled;
    return { ...(await observeAfterFailure(pool, plan, why, leftRunning, ctx)), applySeconds: seconds() };
  }
}

/** After a failed apply (or a crash during one): what the pool says about the outcome. */
export async function observeAfterFailure(
  pool: PoolRuntime,
  plan: Pick<Plan, 'from' | 'to'>,
  why: string,
  leftRunning: boolean,
  ctx: Pick<ApplyStepContext, 'observed'>,
): Promise<Omit<ApplyOutcome, 'applySeconds'>> {
  let status: PoolStatus;
  try {
    status = await pool.driver.status(AbortSignal.timeout(OBSERVE_AFTER_FAILURE_MS));
    ctx.observed(pool.name, status);
  } catch (err) {
    return { outcome: 'uncertain', detail: `${why}; the pool could not be observed afterwards (${(err as Error).message}), so the alert stays deduplicated` };
  }
  const { active } = status;
  const size = poolSize(status);
  if (size === plan.to) return { outcome: 'applied', active, detail: `the pool is at the planned ${plan.to} although the driver reported: ${why}` };
  if (size === plan.from && !leftRunning) return { outcome: 'failed', active, detail: why };
  const stoppedNote = leftRunning ? ' and an apply was stopped (or ignored its abort) mid-way' : '';
  return { outcome: 'uncertain', active, detail: `${why}; the pool is at ${size} (planned ${plan.from} → ${plan.to})${stoppedNote}, so the alert stays deduplicated` };
}

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
