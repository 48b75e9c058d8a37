import type { IncomingEvent } from '../store';

/**
 * The load of a replay, from a per-minute trace (`r_t` requests in minute t): the minutes before the
 * slice that warm the manager up, the slice itself, and how it is sent. A trace minute is one decision
 * step of the exporter (60/X wall seconds). Traces like World Cup 98 carry thousands of requests a
 * minute, more than two shared cores can send through HAProxy at 60×, so each HTTP request stands for
 * `weight` trace requests (chosen so that the slice's busiest minute sends at most `maxRequestsPerSecond`),
 * and the hosts' service time is scaled with it: overload is the same share of the load either way.
 */
export interface ReplaySlice {
  /** r_t of the warm-up minutes followed by the slice's. */
  readonly requests: readonly number[];
  readonly warmMinutes: number;
  readonly minutes: number;
  /** Epoch ms of the slice's first minute in the trace. */
  readonly startMs: number;
}

/** The slice [start, start + minutes) of a trace with up to `warm` minutes of history before it. */
export function sliceTrace(trace: { requests: ArrayLike<number>; timestamps: ArrayLike<number> }, start: number, minutes: number, warm: number): ReplaySlice {
  const T = trace.requests.length;
  if (!(Number.isInteger(start) && start >= 0 && start < T)) throw new RangeError(`the slice starts at minute ${start}, outside the trace's ${T} minutes`);
  if (start + minutes > T) throw new RangeError(`the trace has ${T - start} minutes from the start chosen, fewer than --hours asks for (${minutes})`);
  const from = Math.max(0, start - warm);
  return { requests: Array.from(trace.requests).slice(from, start + minutes), warmMinutes: start - from, minutes, startMs: trace.timestamps[start] * 1000 };
}

/** Trace requests per HTTP request so that the busiest slice minute sends at most `maxRequestsPerSecond` at `speed`. */
export function requestWeight(slice: ReplaySlice, speed: number, maxRequestsPerSecond: number): number {
  const peak = Math.max(...slice.requests.slice(slice.warmMinutes));
  return Math.max(1, (peak * speed) / 60 / maxRequestsPerSecond);
}

/** HTTP requests per minute for r_t / weight, rounded with the remainder carried on (the totals match). */
export function requestCounts(requests: readonly number[], weight: number): number[] {
  let carry = 0;
  return requests.map((r) => {
    const exact = r / weight + carry;
    const n = Math.max(0, Math.round(exact));
    carry = exact - n;
    return n;
  });
}

/** The HTTP requests of the slice as events at their trace times (ms from the slice's first minute), spread evenly within each minute. */
export function requestSchedule(counts: readonly number[]): IncomingEvent[] {
  const out: IncomingEvent[] = [];
  counts.forEach((n, t) => {
    for (let j = 0; j < n; j++) out.push({ userId: 'replay', action: 'GET /', timestamp: Math.round((t + (j + 0.5) / n) * 60_000) });
  });
  return out;
}

/** The ingest API's wire records for one minute: `n` requests (at least one when r > 0) at wall times within the step, together costing r. */
export function minuteEvents(r: number, n: number, stepStartMs: number, stepMs: number): Array<Record<string, string | number>> {
  if (r <= 0) return [];
  const k = Math.max(1, n);
  return Array.from({ length: k }, (_, j) => ({
    user_id: `replay-${j % 100}`,
    timestamp: Math.round(stepStartMs + ((j + 0.5) / k) * stepMs),
    action: 'GET /',
    cost: r / k,
  }));
}

/** POSTs wire events to the exporter in batches. */
export async function postEvents(exporterUrl: string, token: string, events: ReadonlyArray<Record<string, string | number>>, batch = 1000): Promise<void> {
  for (let i = 0; i < events.length; i += batch) {
    const res = await fetch(`${exporterUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(events.slice(i, i + batch)),
    });
    if (!res.ok) throw new Error(`POST ${exporterUrl}/v1/events → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
}
