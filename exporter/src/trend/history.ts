import { HOUR_MS, MINUTE_MS, observedCost, toRegularSeries, type ComplexityBasis, type ObservedMix, type RegularSeries } from '@shadowfleet/models';
import { readTraceFile } from '../sim/trace-file';
import type { EventStore } from '../store/types';

/** A per-minute request history read from a trace file (BENCHMARKS.md §1 format; gaps filled, see toRegularSeries). */
export function historyFromTraceFile(file: string, column?: string): RegularSeries {
  const trace = readTraceFile(file, column);
  return toRegularSeries(trace.timestamps, trace.requests, 60);
}

/** Requests and complexity load per minute from the store; complexity is absent when no event carries a cost or bytes. */
export interface StoreHistory {
  readonly requests: RegularSeries;
  readonly complexity?: RegularSeries;
  /** Requests per profile in each hour (users the profile model knows), when a profile lookup was given. */
  readonly mix?: ObservedMix[];
}

/**
 * Requests per minute, and complexity load per minute in the pool model's unit (`basis`), counted from the store's events of the last `days` days up to `nowMs`
 * (events stream in chunks). Undefined when the store holds no event in that window. With `profileNameOf`,
 * also each hour's requests per profile — the observed profile mix the plan splits standby hosts by.
 */
export async function historyFromStore(store: EventStore, nowMs: number, days: number, basis: ComplexityBasis, profileNameOf?: (userId: string) => string | undefined): Promise<StoreHistory | undefined> {
  const endMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const fromMs = endMs - Math.round(days * 24 * 60) * MINUTE_MS;
  const counts = new Map<number, number>();
  const load = new Map<number, number>();
  let anyComplexity = false;
  const hourly = new Map<number, Record<string, number>>();
  for await (const chunk of store.iterateEvents({ fromMs, toMs: endMs, order: 'time' })) {
    for (const e of chunk) {
      const minute = Math.floor(e.timestamp / MINUTE_MS);
      counts.set(minute, (counts.get(minute) ?? 0) + 1);
      const profile = profileNameOf?.(e.userId);
      if (profile !== undefined) {
        const hour = Math.floor(e.timestamp / HOUR_MS) * HOUR_MS;
        const mix = hourly.get(hour) ?? {};
        mix[profile] = (mix[profile] ?? 0) + 1;
        hourly.set(hour, mix);
      }
      const c = observedCost(e, basis);
      if (c !== undefined) {
        anyComplexity = true;
        load.set(minute, (load.get(minute) ?? 0) + c);
      }
    }
  }
  if (counts.size === 0) return undefined;
  const first = Math.min(...counts.keys());
  const length = endMs / MINUTE_MS - first;
  const series = (m: Map<number, number>): RegularSeries => ({
    startMs: first * MINUTE_MS,
    stepMs: MINUTE_MS,
    values: Array.from({ length }, (_, i) => m.get(first + i) ?? 0),
  });
  const mix = profileNameOf ? [...hourly].map(([startMs, m]) => ({ startMs, mix: m })) : undefined;
  return { requests: series(counts), complexity: anyComplexity ? series(load) : undefined, ...(mix ? { mix } : {}) };
}
