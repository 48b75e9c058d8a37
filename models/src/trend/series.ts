import type { RegularSeries } from './types';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** 365.25 days, so that a yearly period stays in step with the calendar on average. */
export const YEAR_MS = 365.25 * DAY_MS;

/**
 * Puts (timestamp, value) pairs on a regular grid that starts at the first timestamp (rounded down to the
 * step). Values falling in the same step are summed. A step with no row is filled with the value one day
 * earlier when there is one (keeps the daily shape through outages), else with the last value before it.
 */
export function toRegularSeries(
  timestampsSec: readonly number[],
  values: readonly number[],
  stepSeconds = 60,
): RegularSeries {
  if (timestampsSec.length !== values.length) {
    throw new Error(`timestamps and values must have the same length, got ${timestampsSec.length} and ${values.length}`);
  }
  if (values.length === 0) throw new Error('a series needs at least one value, got none');
  if (!(stepSeconds > 0)) throw new Error(`stepSeconds must be > 0, got ${stepSeconds}`);
  const stepMs = stepSeconds * 1000;
  const startMs = Math.floor((timestampsSec[0] * 1000) / stepMs) * stepMs;
  const lastMs = Math.floor((timestampsSec[timestampsSec.length - 1] * 1000) / stepMs) * stepMs;
  if (lastMs < startMs) throw new Error('timestamps must be in ascending order');
  const n = (lastMs - startMs) / stepMs + 1;
  const out = new Array<number>(n).fill(NaN);
  for (let i = 0; i < values.length; i++) {
    const idx = Math.floor((timestampsSec[i] * 1000 - startMs) / stepMs);
    if (idx < 0 || idx >= n) throw new Error(`timestamps must be in ascending order (row ${i + 1})`);
    out[idx] = Number.isNaN(out[idx]) ? values[i] : out[idx] + values[i];
  }
  return { startMs, stepMs, values: fillGaps(out, Math.round(DAY_MS / stepMs)) };
}

/** Fills NaN with the value `season` steps earlier, else the last value before it, else 0. */
export function fillGaps(values: number[], season: number): number[] {
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) values[i] = i >= season && !Number.isNaN(values[i - season]) ? values[i - season] : last;
    last = values[i];
  }
  return values;
}

/** Combines every `factor` consecutive values into one (sum, mean or max); a last partial group is dropped. */
export function aggregate(series: RegularSeries, factor: number, how: 'sum' | 'mean' | 'max'): RegularSeries {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`factor must be a positive integer, got ${factor}`);
  const out: number[] = [];
  for (let s = 0; s + factor <= series.values.length; s += factor) {
    let acc = how === 'max' ? -Infinity : 0;
    for (let i = s; i < s + factor; i++) acc = how === 'max' ? Math.max(acc, series.values[i]) : acc + series.values[i];
    out.push(how === 'mean' ? acc / factor : acc);
  }
  return { startMs: series.startMs, stepMs: series.stepMs * factor, values: out };
}

/**
 * Default seasonal periods (in steps) for a series: daily and weekly, each only when the history holds at
 * least two full cycles, and yearly when it holds two years. Periods shorter than 2 steps are dropped.
 */
export function defaultPeriods(stepMs: number, length: number): number[] {
  const periods: number[] = [];
  for (const cycleMs of [DAY_MS, WEEK_MS, YEAR_MS]) {
    const p = Math.round(cycleMs / stepMs);
    if (p >= 2 && length >= 2 * p) periods.push(p);
  }
  return periods;
}
