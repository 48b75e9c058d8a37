import type { Augurs } from './augurs';
import { detectChangepoints, type ChangepointOptions } from './changepoints';
import { forecastLoad } from './forecast';
import { forecastPeaks, nextPeakStart, recurringPeaks, type PeakOptions } from './peaks';
import { DAY_MS, MINUTE_MS, WEEK_MS } from './series';
import type { ForecastPeak, LoadChangepoint, LoadForecast, RecurringPeak, RegularSeries } from './types';

export interface TrendReportOptions {
  /** Steps to forecast; default 7 days of the series' step. */
  readonly horizon?: number;
  readonly level?: number;
  readonly periods?: readonly number[];
  readonly intervalCap?: 'seasonal-naive' | 'none';
  /** Fit on at most the last this many days (MSTL fit time grows with the history); default 28. */
  readonly maxHistoryDays?: number;
  readonly peaks?: PeakOptions;
  readonly changepoints?: ChangepointOptions;
}

/** Everything the trend analysis reports about one load series. */
export interface TrendReport {
  readonly historyStartMs: number;
  readonly historySteps: number;
  readonly forecast: LoadForecast;
  readonly dailyPeaks: readonly RecurringPeak[];
  readonly weeklyPeaks: readonly RecurringPeak[];
  readonly forecastPeaks: readonly ForecastPeak[];
  readonly nextPeakStartMs?: number;
  /** Found on the whole history given (not only the fitted window). */
  readonly changepoints: readonly LoadChangepoint[];
}

export const DEFAULT_MAX_HISTORY_DAYS = 28;

/** Forecast, recurring and forecast peaks, and changepoints of one load series. */
export function trendReport(augurs: Augurs, history: RegularSeries, options: TrendReportOptions = {}): TrendReport {
  const maxDays = options.maxHistoryDays ?? DEFAULT_MAX_HISTORY_DAYS;
  if (!(maxDays > 0)) throw new Error(`maxHistoryDays must be > 0, got ${maxDays}`);
  const keep = Math.round((maxDays * DAY_MS) / history.stepMs);
  const cut = Math.max(0, history.values.length - keep);
  const fitted: RegularSeries = { startMs: history.startMs + cut * history.stepMs, stepMs: history.stepMs, values: history.values.slice(cut) };
  const horizon = options.horizon ?? Math.round(WEEK_MS / history.stepMs);
  const forecast = forecastLoad(augurs, fitted, { horizon, level: options.level, periods: options.periods, intervalCap: options.intervalCap });
  const spanMs = fitted.values.length * fitted.stepMs;
  const peakOptions = options.peaks ?? { binMinutes: Math.max(15, history.stepMs / MINUTE_MS) };
  return {
    historyStartMs: history.startMs,
    historySteps: history.values.length,
    forecast,
    dailyPeaks: spanMs >= DAY_MS ? recurringPeaks(fitted, 'daily', peakOptions) : [],
    weeklyPeaks: spanMs >= WEEK_MS ? recurringPeaks(fitted, 'weekly', { ...peakOptions, binMinutes: Math.max(60, peakOptions.binMinutes ?? 60) }) : [],
    forecastPeaks: forecastPeaks(forecast, peakOptions),
    nextPeakStartMs: nextPeakStart(forecast, peakOptions),
    changepoints: detectChangepoints(augurs, history, options.changepoints),
  };
}

/** Point, lower and upper forecast `minutes` ahead of the forecast start (the step that ends then). */
export function forecastAt(forecast: LoadForecast, minutes: number): { point: number; lower: number; upper: number } | undefined {
  const i = Math.ceil((minutes * MINUTE_MS) / forecast.stepMs) - 1;
  if (i < 0 || i >= forecast.point.length) return undefined;
  return { point: forecast.point[i], lower: forecast.lower[i], upper: forecast.upper[i] };
}
