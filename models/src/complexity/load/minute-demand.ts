import type { BehaviourEvent } from '../../events';
import { observedCost, type ComplexityBasis } from '../cost';

const MINUTE = 60_000;

/** A per-request log laid out as per-minute demand: minute 0 starts at `startMs`. */
export interface MinuteDemand {
  readonly startMs: number;
  /** Summed request complexity of each minute (0 for a minute without requests). */
  readonly load: Float64Array;
  /** Requests in each minute. */
  readonly requests: Float64Array;
  /** Events sorted by time (the order the forecast stream reads them in). */
  readonly events: readonly BehaviourEvent[];
}

/**
 * Per-minute demand of a per-request log: the sum of each minute's request complexity in the basis'
 * unit (`bytes`: KiB of response, as BENCHMARKS.md §3), from the minute of the first event to that of
 * the last; minutes without requests are kept as 0. An event without the basis' field counts 0.
 */
export function minuteDemand(events: readonly BehaviourEvent[], basis: ComplexityBasis): MinuteDemand {
  if (events.length === 0) throw new RangeError('the log holds no events to replay');
  const sorted = events.slice().sort((a, b) => a.timestamp - b.timestamp);
  const startMs = Math.floor(sorted[0].timestamp / MINUTE) * MINUTE;
  const minutes = Math.floor((sorted[sorted.length - 1].timestamp - startMs) / MINUTE) + 1;
  const load = new Float64Array(minutes);
  const requests = new Float64Array(minutes);
  for (const e of sorted) {
    const m = Math.floor((e.timestamp - startMs) / MINUTE);
    load[m] += observedCost(e, basis) ?? 0;
    requests[m] += 1;
  }
  return { startMs, load, requests, events: sorted };
}
