import type { Augurs } from './augurs';
import { growthRate } from './growth';
import { defaultPeriods } from './series';
import type { ForecastOptions, LoadForecast, RegularSeries } from './types';

export const DEFAULT_LEVEL = 0.95;

/**
 * Empirical band of the seasonal-naive forecast over the history: quantiles (1 ± level) / 2 of
 * y[t] − y[t − lag]. Those errors do not grow with the horizon up to one season, so the band bounds how wide
 * a useful interval needs to be within a season ahead.
 */
export function seasonalNaiveBand(values: readonly number[], lag: number, level: number): { below: number; above: number } | undefined {
  if (values.length <= lag || lag < 1) return undefined;
  const errors = new Float64Array(values.length - lag);
  for (let t = lag; t < values.length; t++) errors[t - lag] = values[t] - values[t - lag];
  errors.sort();
  const at = (q: number): number => errors[Math.min(errors.length - 1, Math.max(0, Math.round(q * (errors.length - 1))))];
  return { below: Math.max(0, -at((1 - level) / 2)), above: Math.max(0, at((1 + level) / 2)) };
}

/**
 * Forecasts a load series with augurs' MSTL decomposition (one seasonal component per period) and an
 * AutoETS model of the deseasonalised trend, with prediction intervals at `level`.
 *
 * AutoETS treats the deseasonalised level as a random walk, so its intervals widen without bound (on NASA
 * minute data the raw 95 % upper bound is more than 10× the point a week ahead). Unless `intervalCap: 'none'`, each side
 * of the interval is capped at the seasonal-naive band of the history (see seasonalNaiveBand, lag = the
 * longest period): the model's own width where it is narrower (short horizons), the empirical one beyond.
 */
export function forecastLoad(augurs: Augurs, history: RegularSeries, options: ForecastOptions): LoadForecast {
  const level = options.level ?? DEFAULT_LEVEL;
  if (!(level > 0 && level < 1)) throw new Error(`level must be between 0 and 1 (exclusive), got ${level}`);
  if (!Number.isInteger(options.horizon) || options.horizon < 1) {
    throw new Error(`horizon must be a positive whole number of steps, got ${options.horizon}`);
  }
  const n = history.values.length;
  const periods = options.periods ? [...options.periods] : defaultPeriods(history.stepMs, n);
  for (const p of periods) {
    if (!Number.isInteger(p) || p < 2) throw new Error(`periods must be whole numbers ≥ 2, got ${p}`);
    if (n < 2 * p) throw new Error(`period ${p} needs at least ${2 * p} values of history, got ${n}`);
  }
  if (n < 4) throw new Error(`history must hold at least 4 values to forecast, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(history.values[i])) throw new Error(`history value ${i} must be a finite number, got ${history.values[i]}`);
  }
  const model = augurs.MSTL.ets(periods);
  try {
    model.fit(Float64Array.from(history.values));
    const f = model.predict(options.horizon, level);
    const raw = Array.from(f.point);
    const cap = options.intervalCap === 'none' ? undefined : seasonalNaiveBand(history.values, Math.max(...periods, 1), level);
    const lower = raw.map((p, i) => {
      const width = p - (f.intervals?.lower[i] ?? p);
      return Math.max(0, p - (cap ? Math.min(width, cap.below) : width));
    });
    const upper = raw.map((p, i) => {
      const width = (f.intervals?.upper[i] ?? p) - p;
      return Math.max(0, p + (cap ? Math.min(width, cap.above) : width));
    });
    const point = raw.map((v) => Math.max(0, v));
    return {
      startMs: history.startMs + n * history.stepMs,
      stepMs: history.stepMs,
      level,
      periods,
      point,
      lower,
      upper,
      growth: growthRate(history),
      intervalCap: cap,
    };
  } finally {
    model.free();
  }
}
