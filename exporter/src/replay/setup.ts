import { pause } from './drive';

/**
 * When a replay's slice starts, and which decision of the manager its pool is set up from, the same way at
 * every speed (docs/replay.md#the-set-up-before-the-first-minute).
 *
 * The warm-up posts the `--warm-hours` minutes before the slice as events, one HTTP request's worth each;
 * a request stands for `weight` trace requests and the weight grows with the speed, so the same warm-up is
 * 60 times more events at 1× than at 60× (3.2 million for a Twitter day at `--max-rps 30`, 53 000 at 60×).
 * The start must leave time to post them, to rebuild the manager from them (the policy save) and for the
 * manager's decision of the step before the slice, which the pool is set up from.
 */

/** Wall ms budgeted per warm-up event posted (measured 18 µs: 3.17 million events in 56 s at load 2–3; twice that). */
export const POST_MS_PER_EVENT = 0.04;
/** Wall ms budgeted per warm-up minute for the manager's rebuild (its strategy replays every minute). */
export const REBUILD_MS_PER_MINUTE = 20;
/** Wall ms budgeted for what does not grow with the warm-up (the policy save, Prometheus' first scrapes). */
export const SETUP_FIXED_MS = 5_000;

/**
 * t0, the slice's first minute, on a step boundary: far enough ahead that the warm-up is posted and the
 * policy saved before the step before t0 begins, so that this step's decision (made on schedule at its
 * start, or at once on the save) is the rebuilt manager's at every speed.
 */
export function sliceStartMs(nowMs: number, warm: { readonly minutes: number; readonly events: number }, stepMs: number): number {
  const budget = SETUP_FIXED_MS + warm.events * POST_MS_PER_EVENT + warm.minutes * REBUILD_MS_PER_MINUTE;
  return Math.ceil((nowMs + budget + stepMs) / stepMs) * stepMs;
}

/** The fields of a kept decision (GET /v1/decisions) the set-up reads. */
export interface KeptDecision {
  readonly at: string;
  readonly policy_version: number;
  readonly desired: { readonly serving: number; readonly standby: number };
}

/**
 * The decision the pool is set up from: the rebuilt manager's (policy version ≥ the warm-up's save) for
 * the step before t0 or later, newest first; undefined while there is none. A decision of an earlier
 * version was made before the warm-up (on no load: 1 host) and is never it.
 */
export function setUpDecision(decisions: readonly KeptDecision[], version: number, t0: number, stepMs: number): KeptDecision | undefined {
  return decisions.find((d) => d.policy_version >= version && Date.parse(d.at) >= t0 - stepMs);
}

export class SetUpTooLate extends Error {}

/**
 * Waits for setUpDecision until a quarter step before t0 (the pool must be set up before the first
 * minute) and throws SetUpTooLate, saying why, when it has not come: reporting numbers for a pool that
 * started at 1 host where the manager wanted more would compare nothing with the simulation.
 */
export async function awaitSetUpDecision(
  decisions: () => Promise<readonly KeptDecision[]>,
  o: { readonly version: number; readonly t0: number; readonly stepMs: number; readonly postedAtMs: number; readonly signal?: AbortSignal },
): Promise<KeptDecision> {
  const deadline = o.t0 - o.stepMs / 4;
  const every = Math.min(250, o.stepMs / 20);
  for (;;) {
    const found = setUpDecision(await decisions(), o.version, o.t0, o.stepMs);
    if (found) return found;
    if (Date.now() + every > deadline) break;
    await pause(every, o.signal);
  }
  const at = (ms: number): string => new Date(ms).toISOString();
  throw new SetUpTooLate(
    `the manager had not decided on the warm-up (policy version ${o.version}, the step at ${at(o.t0 - o.stepMs)}) by ${at(deadline)}, a quarter step before the slice; ` +
      `the warm-up was posted and saved at ${at(o.postedAtMs)}, ${((o.t0 - o.postedAtMs) / 1000).toFixed(1)} s before the slice: the machine is slower than the set-up's budget (setup.ts), no numbers are reported`,
  );
}
