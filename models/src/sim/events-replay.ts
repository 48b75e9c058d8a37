import { BehaviourForecastStream } from '../complexity/load/forecast-stream';
import type { MinuteDemand } from '../complexity/load/minute-demand';
import type { LoadModelOptions } from '../complexity/load/behaviour-load';
import type { ExternalForecast, ScalingDecision } from '../allocation/types';
import { runStrategy } from './strategies';
import { simulate, type SimResult, type SimulateOptions } from './simulate';
import { tieredStrategy } from './strategies/tiered';
import type { SimConfig } from './types';

/**
 * Where `tiered` gets tier 2's outside forecast when replaying a per-request log: `behaviour` (the
 * behaviour-aware load model, causal), `volume` (none: its own volume forecast only), or `foresight`
 * (the true demand of the coming minutes — not causal, an upper bound on what any outside forecast can
 * add through this input).
 */
export type EventForecast = 'behaviour' | 'volume' | 'foresight';
export const EVENT_FORECASTS: readonly EventForecast[] = ['behaviour', 'volume', 'foresight'];

export interface EventReplayOptions extends SimulateOptions {
  readonly forecast: EventForecast;
  /** Options of the behaviour load model (basis, session gap …); its horizon follows the cold start. */
  readonly loadModel?: Partial<LoadModelOptions>;
  /** Minutes of the log seen before the behaviour forecast is used (BENCHMARKS.md §3 scores after 60). */
  readonly warmupMinutes?: number;
}

export interface EventReplayResult extends SimResult {
  /**
   * Tiered with an outside forecast: decisions that had one, those where it was above tier 2's own
   * quantile forecast (and so sized tier 2), and, over the others, the median and largest ratio outside / own at the cold-start horizon.
   */
  readonly external?: { readonly decisions: number; readonly binding: number; readonly median_ratio: number; readonly max_ratio: number };
}

/**
 * Replays a per-request log through the fleet simulator: the demand of minute t is the summed request
 * complexity of that minute; for `tiered` with the behaviour forecast the manager gets, at the start of
 * every minute t, the behaviour-aware forecast of the events before minute t (BehaviourForecastStream,
 * the exporter's BehaviourLoadModel). Every other strategy sees the per-minute demand only.
 */
export function simulateEvents(demand: MinuteDemand, strategy: string, config: SimConfig, options: EventReplayOptions): EventReplayResult {
  if (strategy !== 'tiered' || options.forecast === 'volume') {
    const r = runStrategy(strategy, demand.load, config, options);
    return strategy === 'tiered' ? { ...r, strategy: 'tiered-volume' } : r;
  }
  const horizon = Math.max(config.coldStart, config.shadowActivation) + 1;
  let source: (t: number) => ExternalForecast | undefined;
  if (options.forecast === 'behaviour') {
    const stream = new BehaviourForecastStream(demand.events, demand.startMs, { ...options.loadModel, horizonMinutes: horizon, warmupMinutes: options.warmupMinutes });
    source = (t) => stream.at(t);
  } else {
    const load = demand.load;
    source = (t) => ({ source: 'foresight', perMinute: (h) => (h >= 1 && h <= horizon && t + h - 1 < load.length ? load[t + h - 1] : undefined) });
  }
  let binding = 0;
  const ratios: number[] = [];
  const count = (_t: number, d: ScalingDecision): void => {
    const x = d.tiers[1].numbers.external_at_cold_start;
    const used = d.tiers[1].forecast?.value;
    if (x === undefined || used === undefined) return;
    if (x === used) binding++;
    // When the outside forecast is not used, `used` is tier 2's own forecast.
    else if (used > 0) ratios.push(x / used);
  };
  const name = `tiered-${options.forecast}`;
  const r = simulate(demand.load, tieredStrategy({ name, externalForecast: source }, count), config, options);
  ratios.sort((a, b) => a - b);
  const decisions = ratios.length + binding;
  const external = { decisions, binding, median_ratio: ratios.length ? ratios[Math.floor(ratios.length / 2)] : NaN, max_ratio: ratios.at(-1) ?? NaN };
  return { ...r, external };
}
