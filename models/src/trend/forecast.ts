import type { Augurs } from './augurs';
import { growthRate } from './growth';
import { defaultPeriods } from './series';
import type { ForecastOptions, LoadForecast, RegularSeries } from './types';

export const DEFAULT_LEVEL = 0.95;

/**
 * Forecasts a load series with augurs' MSTL decomposition (one seasonal component per period) and an
 * AutoETS model of the deseasonalised trend, with prediction intervals at `level`.
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
    const point = Array.from(f.point, (v) => Math.max(0, v));
    const lower = f.intervals ? Array.from(f.intervals.lower, (v) => Math.max(0, v)) : point;
    const upper = f.intervals ? Array.from(f.intervals.upper, (v) => Math.max(0, v)) : point;
    return {
      startMs: history.startMs + n * history.stepMs,
      stepMs: history.stepMs,
      level,
      periods,
      point,
      lower,
      upper,
      growth: growthRate(history),
    };
  } finally {
    model.free();
  }
}
