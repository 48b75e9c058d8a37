import type { BehaviourEvent } from '../events';

/**
 * What one complexity unit measures; a deployment declares one in its pool model (`complexityUnit`,
 * models/src/pools), so that every score, forecast and capacity is in the same unit:
 * - `cost`: the event's measured cost as the client reports it (e.g. CPU milliseconds), 1 unit = 1;
 * - `durationMs`: 1 unit = 1 ms of server time;
 * - `bytes`: 1 unit = 1 KiB of response (the proxy BENCHMARKS.md §3 uses on the NASA and EPA logs);
 * - `count`: 1 unit = 1 request (nothing else known).
 */
export type ComplexityBasis = 'cost' | 'durationMs' | 'bytes' | 'count';

export const COMPLEXITY_BASES: readonly ComplexityBasis[] = ['cost', 'durationMs', 'bytes', 'count'];

/** The event's cost in the basis' unit, or undefined when the event does not carry that field. */
export function observedCost(event: BehaviourEvent, basis: ComplexityBasis): number | undefined {
  const v = basis === 'count' ? 1 : basis === 'bytes' ? (event.bytes === undefined ? undefined : event.bytes / 1024) : event[basis];
  return v !== undefined && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** An error answer (status ≥ 400 or the error flag): clients retry these, so they add expected work. */
export function isError(event: BehaviourEvent): boolean {
  return event.error === true || (event.status !== undefined && event.status >= 400);
}
