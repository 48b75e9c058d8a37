import { DAY_MS } from './series';
import type { GrowthRate, RegularSeries } from './types';

/** Means of each full day of the series (days counted from the series start). */
export function dailyMeans(series: RegularSeries): number[] {
  const perDay = Math.round(DAY_MS / series.stepMs);
  const means: number[] = [];
  for (let s = 0; perDay >= 1 && s + perDay <= series.values.length; s += perDay) {
    let sum = 0;
    for (let i = s; i < s + perDay; i++) sum += series.values[i];
    means.push(sum / perDay);
  }
  return means;
}

/**
 * Long-term growth: the least-squares line through the daily means. Daily means remove the daily cycle;
 * the weekly cycle averages out over a few weeks, so read the rate with that in mind for short histories.
 */
export function growthRate(series: RegularSeries): GrowthRate {
  const y = dailyMeans(series);
  const n = y.length;
  if (n < 2) return { slopePerDay: 0, relativePerWeek: 0, days: n };
  const xMean = (n - 1) / 2;
  const yMean = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xMean) * (y[i] - yMean);
    sxx += (i - xMean) ** 2;
  }
  const slopePerDay = sxy / sxx;
  return { slopePerDay, relativePerWeek: yMean > 0 ? (slopePerDay * 7) / yMean : 0, days: n };
}
