import { MINUTE_MS, toRegularSeries, type RegularSeries } from '@shadowfleet/models';
import { readTraceFile } from '../sim/trace-file';
import type { EventStore } from '../store/types';

/** A per-minute request history read from a trace file (BENCHMARKS.md §1 format; gaps filled, see toRegularSeries). */
export function historyFromTraceFile(file: string, column?: string): RegularSeries {
  const trace = readTraceFile(file, column);
  return toRegularSeries(trace.timestamps, trace.requests, 60);
}

/**
 * Requests per minute counted from the store's events of the last `days` days up to `nowMs` (events
 * stream in chunks). Undefined when the store holds no event in that window.
 */
export async function historyFromStore(store: EventStore, nowMs: number, days: number): Promise<RegularSeries | undefined> {
  const endMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const fromMs = endMs - Math.round(days * 24 * 60) * MINUTE_MS;
  const counts = new Map<number, number>();
  for await (const chunk of store.iterateEvents({ fromMs, toMs: endMs, order: 'time' })) {
    for (const e of chunk) {
      const minute = Math.floor(e.timestamp / MINUTE_MS);
      counts.set(minute, (counts.get(minute) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return undefined;
  const first = Math.min(...counts.keys());
  const last = endMs / MINUTE_MS - 1;
  const values = Array.from({ length: last - first + 1 }, (_, i) => counts.get(first + i) ?? 0);
  return { startMs: first * MINUTE_MS, stepMs: MINUTE_MS, values };
}
