import { aggregate, DAY_MS, MINUTE_MS, WEEK_MS } from './series';
import type { ForecastPeak, LoadForecast, RecurringPeak, RegularSeries } from './types';

export interface PeakOptions {
  /** Profile resolution in minutes (a whole multiple of the series step); default 15. */
  readonly binMinutes?: number;
  /** A bin is in a peak when its value ≥ mean + fraction · (max − mean); default 0.5. */
  readonly thresholdFraction?: number;
}

/** Monday 1970-01-05 00:00 UTC: weekly offsets count from a Monday midnight. */
const MONDAY_EPOCH_MS = 4 * DAY_MS;

function binning(stepMs: number, binMinutes: number): number {
  const factor = (binMinutes * MINUTE_MS) / stepMs;
  if (!Number.isInteger(factor) || factor < 1) {
    throw new Error(`binMinutes must be a whole multiple of the series step (${stepMs / MINUTE_MS} min), got ${binMinutes}`);
  }
  return factor;
}

/** Runs of indices where values[i] ≥ threshold, as [start, endExclusive]; with `circular`, a run may wrap. */
function runsAbove(values: readonly number[], threshold: number, circular: boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= values.length; i++) {
    const above = i < values.length && values[i] >= threshold;
    if (above && start < 0) start = i;
    if (!above && start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  if (circular && runs.length > 1 && runs[0][0] === 0 && runs[runs.length - 1][1] === values.length) {
    const last = runs.pop() as [number, number];
    runs[0] = [last[0], runs[0][1] + values.length];
  }
  return runs;
}

function thresholdOf(values: readonly number[], fraction: number): { mean: number; threshold: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const max = Math.max(...values);
  return { mean, threshold: mean + fraction * (max - mean) };
}

/**
 * Recurring peaks of a series: the average profile over the daily cycle (from midnight UTC) or the weekly
 * cycle (from Monday 00:00 UTC), at `binMinutes` resolution, and the runs of bins that stand out.
 */
export function recurringPeaks(series: RegularSeries, cycle: 'daily' | 'weekly', options: PeakOptions = {}): RecurringPeak[] {
  const binMinutes = options.binMinutes ?? 15;
  const fraction = options.thresholdFraction ?? 0.5;
  const binned = aggregate(series, binning(series.stepMs, binMinutes), 'mean');
  const binMs = binMinutes * MINUTE_MS;
  const cycleMs = cycle === 'daily' ? DAY_MS : WEEK_MS;
  const bins = cycleMs / binMs;
  if (!Number.isInteger(bins)) throw new Error(`binMinutes must divide a day, got ${binMinutes}`);
  if (binned.values.length * binMs < cycleMs) {
    throw new Error(`a ${cycle} profile needs at least one full ${cycle === 'daily' ? 'day' : 'week'} of history`);
  }
  const sums = new Array<number>(bins).fill(0);
  const counts = new Array<number>(bins).fill(0);
  const originMs = cycle === 'daily' ? 0 : MONDAY_EPOCH_MS;
  binned.values.forEach((v, i) => {
    const t = binned.startMs + i * binMs - originMs;
    const b = Math.floor((((t % cycleMs) + cycleMs) % cycleMs) / binMs);
    sums[b] += v;
    counts[b]++;
  });
  const profile = sums.map((s, b) => (counts[b] > 0 ? s / counts[b] : 0));
  const { mean, threshold } = thresholdOf(profile, fraction);
  if (!(Math.max(...profile) > mean)) return [];
  return runsAbove(profile, threshold, true).map(([s, e]) => ({
    cycle,
    startOffsetMinutes: s * binMinutes,
    lengthMinutes: (e - s) * binMinutes,
    height: Math.max(...Array.from({ length: e - s }, (_, k) => profile[(s + k) % bins])),
    cycleMean: mean,
  }));
}

/**
 * Peak periods of a forecast's point values, at `binMinutes` resolution, in time order. Each forecast day
 * (24 h from the forecast start) gets its own threshold, so every day's peak shows even when one day is far
 * busier than the rest; runs that cross from one day into the next are one peak.
 */
export function forecastPeaks(forecast: LoadForecast, options: PeakOptions = {}): ForecastPeak[] {
  const binMinutes = options.binMinutes ?? 15;
  const series = { startMs: forecast.startMs, stepMs: forecast.stepMs, values: forecast.point };
  const binned = aggregate(series, binning(forecast.stepMs, binMinutes), 'mean');
  const perDay = Math.max(1, Math.round(DAY_MS / binned.stepMs));
  const mask = new Array<number>(binned.values.length).fill(0);
  for (let d = 0; d < binned.values.length; d += perDay) {
    const day = binned.values.slice(d, d + perDay);
    const { mean, threshold } = thresholdOf(day, options.thresholdFraction ?? 0.5);
    if (!(Math.max(...day) > mean)) continue;
    day.forEach((v, k) => (mask[d + k] = v >= threshold ? 1 : 0));
  }
  return runsAbove(mask, 1, false).map(([s, e]) => ({
    startMs: binned.startMs + s * binned.stepMs,
    endMs: binned.startMs + e * binned.stepMs,
    height: Math.max(...binned.values.slice(s, e)),
  }));
}

/** Start of the first forecast peak that begins after the forecast start (one in progress is skipped). */
export function nextPeakStart(forecast: LoadForecast, options: PeakOptions = {}): number | undefined {
  return forecastPeaks(forecast, options).find((p) => p.startMs > forecast.startMs)?.startMs;
}
