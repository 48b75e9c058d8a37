import type { BehaviourEvent } from '../../events';
import { observedCost } from '../cost';
import { BehaviourLoadModel, type LoadModelOptions } from './behaviour-load';
import { VolumeForecaster } from './volume';

export interface LoadAccuracy {
  readonly mase: number;
  readonly mape: number;
}

export interface HorizonResult {
  readonly horizon_minutes: number;
  /** Forecast origins scored (every minute after the warm-up with a full horizon ahead). */
  readonly points: number;
  readonly mean_actual: number;
  readonly volume_naive: LoadAccuracy;
  readonly volume_ewma: LoadAccuracy;
  readonly behaviour: LoadAccuracy;
}

export interface LoadEvaluation {
  readonly minutes: number;
  readonly events: number;
  readonly warmup_minutes: number;
  readonly horizons: HorizonResult[];
  /** Mean wall time of one behaviour-aware forecast (all horizons), and the most active sessions seen. */
  readonly forecast_ms_mean: number;
  readonly max_active_sessions: number;
}

const MINUTE = 60_000;

/**
 * Rolls through a log minute by minute: at each minute boundary t (after `warmupMinutes`), every model
 * forecasts the load of (t, t+h] using only events before t; the actual is the summed cost of the events
 * in that window. MASE divides the mean absolute error by that of the naive forecast (the previous
 * h minutes' load) over the same origins, so volume_naive scores 1 by construction; MAPE skips windows
 * whose actual load is 0.
 */
export function evaluateLoadForecasts(
  events: readonly BehaviourEvent[],
  horizons: readonly number[],
  options: Partial<LoadModelOptions> & { warmupMinutes?: number } = {},
): LoadEvaluation {
  if (events.length === 0) throw new Error('evaluateLoadForecasts needs events');
  const sorted = events.slice().sort((a, b) => a.timestamp - b.timestamp);
  const model = new BehaviourLoadModel(options);
  const basis = model.options.basis;
  const start = Math.floor(sorted[0].timestamp / MINUTE) * MINUTE;
  const minutes = Math.ceil((sorted[sorted.length - 1].timestamp + 1 - start) / MINUTE);
  const load = new Float64Array(minutes);
  for (const e of sorted) load[Math.floor((e.timestamp - start) / MINUTE)] += observedCost(e, basis) ?? 0;
  const prefix = new Float64Array(minutes + 1);
  for (let m = 0; m < minutes; m++) prefix[m + 1] = prefix[m] + load[m];
  const warmup = options.warmupMinutes ?? 60;
  const volume = new VolumeForecaster();
  const maxH = Math.max(...horizons);
  type Acc = { naive: number[]; ewma: number[]; behaviour: number[]; actual: number[] };
  const acc: Acc[] = horizons.map(() => ({ naive: [], ewma: [], behaviour: [], actual: [] }));
  let next = 0;
  let forecastMs = 0;
  let forecasts = 0;
  let maxActive = 0;
  for (let t = 1; t < minutes; t++) {
    const originMs = start + t * MINUTE;
    while (next < sorted.length && sorted[next].timestamp < originMs) model.observe(sorted[next++]);
    volume.push(load[t - 1]);
    if (t < warmup || t + maxH > minutes) continue;
    const began = performance.now();
    const f = model.forecast(originMs, horizons);
    forecastMs += performance.now() - began;
    forecasts++;
    maxActive = Math.max(maxActive, model.activeSessions);
    horizons.forEach((h, i) => {
      acc[i].actual.push(prefix[t + h] - prefix[t]);
      acc[i].naive.push(volume.naive(h));
      acc[i].ewma.push(volume.ewma(h));
      acc[i].behaviour.push(f[i].complexity);
    });
  }
  const result = horizons.map((h, i): HorizonResult => {
    const a = acc[i];
    const scale = mae(a.naive, a.actual);
    const score = (pred: number[]): LoadAccuracy => ({ mase: mae(pred, a.actual) / scale, mape: mape(pred, a.actual) });
    return {
      horizon_minutes: h,
      points: a.actual.length,
      mean_actual: a.actual.reduce((s, x) => s + x, 0) / Math.max(1, a.actual.length),
      volume_naive: score(a.naive),
      volume_ewma: score(a.ewma),
      behaviour: score(a.behaviour),
    };
  });
  return { minutes, events: sorted.length, warmup_minutes: warmup, horizons: result, forecast_ms_mean: forecastMs / Math.max(1, forecasts), max_active_sessions: maxActive };
}

function mae(pred: readonly number[], actual: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(pred[i] - actual[i]);
  return s / Math.max(1, actual.length);
}

function mape(pred: readonly number[], actual: readonly number[]): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] <= 0) continue;
    s += Math.abs(pred[i] - actual[i]) / actual[i];
    n++;
  }
  return n === 0 ? NaN : (100 * s) / n;
}
