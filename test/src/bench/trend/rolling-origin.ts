import { forecastLoad, type Augurs } from '@shadowfleet/models';

/** A baseline forecast for steps o … o+h−1 made at origin o from values before o only. */
export interface Baseline {
  readonly name: string;
  forecast(values: ArrayLike<number>, origin: number, steps: number): number[];
}

/** Seasonal naive: the value `lag` steps earlier (same minute yesterday / last week). Needs lag ≥ steps. */
export function seasonalNaive(name: string, lag: number): Baseline {
  return {
    name,
    forecast: (values, origin, steps) => {
      if (steps > lag) throw new Error(`${name}: horizon ${steps} exceeds the lag ${lag}`);
      return Array.from({ length: steps }, (_, k) => values[origin + k - lag]);
    },
  };
}

/** Naive: the last observed value, held. */
export const lastValue: Baseline = { name: 'naive_last_value', forecast: (values, origin, steps) => new Array(steps).fill(values[origin - 1]) };

export interface RollingOriginSpec {
  readonly values: ArrayLike<number>;
  /** Steps that hold real data; origins whose evaluation window has any other step are skipped. */
  readonly present?: (i: number) => boolean;
  readonly origins: readonly number[];
  /** Most training steps before an origin; fewer are used when the series starts later. */
  readonly trainSteps: number;
  readonly minTrainSteps: number;
  readonly periods: readonly number[];
  /** MASE scale: in-sample MAE of the seasonal-naive forecast with this lag over the training window. */
  readonly scaleLag: number;
  readonly horizons: ReadonlyArray<{ readonly label: string; readonly steps: number }>;
  readonly baselines: readonly Baseline[];
  readonly level: number;
}

const mae = (a: ArrayLike<number>, b: ArrayLike<number>, n: number): number => {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(a[i] - b[i]);
  return s / n;
};

/**
 * Rolling-origin evaluation: at every origin, fit MSTL + ETS (forecastLoad, capped intervals) on the
 * preceding window, forecast the longest horizon, and score each horizon (steps 1 … h) by MASE for the
 * model and each baseline, plus the interval coverage. Returns means over the origins used.
 */
export function rollingOrigin(augurs: Augurs, spec: RollingOriginSpec): Record<string, unknown> {
  const maxH = Math.max(...spec.horizons.map((h) => h.steps));
  const names = ['mstl_ets', ...spec.baselines.map((b) => b.name)];
  const sums: Record<string, Record<string, number>> = Object.fromEntries(spec.horizons.map((h) => [h.label, Object.fromEntries(names.map((n) => [n, 0]))]));
  const coverage: Record<string, number> = Object.fromEntries(spec.horizons.map((h) => [h.label, 0]));
  const fitSeconds: number[] = [];
  let used = 0;
  let skipped = 0;
  for (const origin of spec.origins) {
    const from = Math.max(0, origin - spec.trainSteps);
    const ok = origin - from >= spec.minTrainSteps && origin + maxH <= spec.values.length && (!spec.present || Array.from({ length: maxH }, (_, k) => origin + k).every(spec.present));
    if (!ok) {
      skipped++;
      continue;
    }
    const train = Array.from({ length: origin - from }, (_, k) => spec.values[from + k]);
    let scale = 0;
    for (let t = spec.scaleLag; t < train.length; t++) scale += Math.abs(train[t] - train[t - spec.scaleLag]);
    scale /= train.length - spec.scaleLag;
    if (!(scale > 0)) {
      skipped++;
      continue;
    }
    const started = process.hrtime.bigint();
    const f = forecastLoad(augurs, { startMs: 0, stepMs: 60_000, values: train }, { horizon: maxH, periods: spec.periods, level: spec.level });
    fitSeconds.push(Number(process.hrtime.bigint() - started) / 1e9);
    const truth = Array.from({ length: maxH }, (_, k) => spec.values[origin + k]);
    const forecasts: Record<string, number[]> = { mstl_ets: [...f.point] };
    for (const b of spec.baselines) forecasts[b.name] = b.forecast(spec.values, origin, maxH);
    for (const h of spec.horizons) {
      for (const n of names) sums[h.label][n] += mae(forecasts[n], truth, h.steps) / scale;
      let inside = 0;
      for (let k = 0; k < h.steps; k++) if (truth[k] >= f.lower[k] && truth[k] <= f.upper[k]) inside++;
      coverage[h.label] += inside / h.steps;
    }
    used++;
  }
  const mase = Object.fromEntries(spec.horizons.map((h) => [h.label, Object.fromEntries(names.map((n) => [n, used ? sums[h.label][n] / used : null]))]));
  fitSeconds.sort((a, b) => a - b);
  return {
    origins_used: used,
    origins_skipped: skipped,
    train_steps_max: spec.trainSteps,
    periods: spec.periods,
    mase,
    interval_coverage: Object.fromEntries(spec.horizons.map((h) => [h.label, used ? coverage[h.label] / used : null])),
    interval_level: spec.level,
    fit_forecast_seconds_median: fitSeconds.length ? fitSeconds[Math.floor(fitSeconds.length / 2)] : null,
  };
}
