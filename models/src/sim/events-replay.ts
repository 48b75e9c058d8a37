import type { ComplexityLoadForecast, LoadModelOptions } from '../complexity/load/behaviour-load';
import { BehaviourForecastStream, type ForecastStreamOptions } from '../complexity/load/forecast-stream';
import type { MinuteDemand } from '../complexity/load/minute-demand';
import type { ExternalForecast } from '../allocation/types';
import { ShortTermForecaster } from '../allocation/short-term-forecaster';
import { DEFAULT_POLICY, type Policy } from '../policy/schema';
import { policyStrategy } from '../policy/strategy';
import { runStrategy, type RunStrategyOptions } from './strategies';
import { simulate, type SimResult } from './simulate';
import type { DecisionContext, SimConfig, Strategy } from './types';

/**
 * Where `tiered` gets tier 2's outside forecast when replaying a per-request log: `behaviour` (the
 * behaviour-aware load model, causal), `volume` (none: its own volume forecast only), or `foresight`
 * (the true demand of the coming minutes — not causal, an upper bound on what any outside forecast can
 * add through this input).
 */
export type EventForecast = 'behaviour' | 'volume' | 'foresight';
export const EVENT_FORECASTS: readonly EventForecast[] = ['behaviour', 'volume', 'foresight'];

/** How the load model's forecasts (per horizon) become the manager's per-minute external forecast. */
export interface BehaviourAdapter {
  readonly name: string;
  /** Horizons the load model forecasts each minute, given the longest lead the manager asks for. */
  horizons(leadMinutes: number): number[];
  toExternal(forecasts: readonly ComplexityLoadForecast[]): ExternalForecast | undefined;
}

/** Forecasts for h = 1 … lead; the load in minute h is F(h) − F(h−1) (the expected load of that very minute). */
export const MARGINAL_PER_MINUTE: BehaviourAdapter = {
  name: 'marginal per minute',
  horizons: (lead) => Array.from({ length: lead }, (_, i) => i + 1),
  toExternal(forecasts) {
    const byH = [...forecasts].sort((a, b) => a.horizonMinutes - b.horizonMinutes).map((f) => f.complexity);
    return { source: 'behaviour (marginal per minute)', perMinute: (h) => (Number.isInteger(h) && h >= 1 && h <= byH.length ? Math.max(0, byH[h - 1] - (h > 1 ? byH[h - 2] : 0)) : undefined) };
  },
};

export interface EventReplayOptions extends RunStrategyOptions {
  readonly forecast: EventForecast;
  /** Default MARGINAL_PER_MINUTE; the exporter passes its own adapter (mean per minute over 5/15/60-minute forecasts). */
  readonly adapter?: BehaviourAdapter;
  /** Options of the behaviour load model (basis, session gap …). */
  readonly loadModel?: Partial<LoadModelOptions>;
  /** Minutes of the log seen before the behaviour forecast is used (BENCHMARKS.md §3 scores after 60). */
  readonly warmupMinutes?: number;
  /** The policy `tiered` runs (default DEFAULT_POLICY); `forecast` above replaces its `forecast` field. */
  readonly policy?: Policy;
  /** Next-action costs for the load model (ForecastStreamOptions.nextCost), e.g. from a profile-aware model. */
  readonly nextCost?: ForecastStreamOptions['nextCost'];
}

export interface EventReplayResult extends SimResult {
  /**
   * Tiered with an outside forecast: decisions that had one, those where it was above tier 2's own
   * quantile forecast at any horizon tier 2 asks for (1, Ls + 1, Lc + 1 minutes: it then sized tier 2),
   * and the median and largest ratio outside / own at the cold-start horizon.
   */
  readonly external?: { readonly decisions: number; readonly binding: number; readonly median_ratio: number; readonly max_ratio: number };
}

/** A strategy that sees `external(t)` in its decision context (made from data before minute t only). */
function withExternal(inner: Strategy, name: string, external: (t: number, history: DecisionContext['history']) => ExternalForecast | undefined): Strategy {
  return { name, decide: (ctx) => inner.decide({ ...ctx, external: external(ctx.t, ctx.history) }) };
}

/**
 * Replays a per-request log through the fleet simulator: the demand of minute t is the summed request
 * complexity of that minute. `tiered` is the default policy's strategy (what `simulate --strategy tiered`
 * and the exporter run); with the behaviour forecast the manager gets, at the start of every minute t,
 * the behaviour-aware forecast of the events before minute t (BehaviourForecastStream, the exporter's
 * BehaviourLoadModel). Every other strategy sees the per-minute demand only.
 */
export function simulateEvents(demand: MinuteDemand, strategy: string, config: SimConfig, options: EventReplayOptions): EventReplayResult {
  if (strategy !== 'tiered') return options.policy ? simulate(demand.load, policyStrategy(options.policy), config, options) : runStrategy(strategy, demand.load, config, options);
  const lead = Math.max(config.coldStart, config.shadowActivation) + 1;
  let source: (t: number) => ExternalForecast | undefined = () => undefined;
  if (options.forecast === 'behaviour') {
    const adapter = options.adapter ?? MARGINAL_PER_MINUTE;
    const stream = new BehaviourForecastStream(demand.events, demand.startMs, { ...options.loadModel, horizons: adapter.horizons(lead), warmupMinutes: options.warmupMinutes, nextCost: options.nextCost });
    source = (t) => {
      const f = stream.at(t);
      return f ? adapter.toExternal(f) : undefined;
    };
  } else if (options.forecast === 'foresight') {
    const load = demand.load;
    source = (t) => ({ source: 'foresight', perMinute: (h) => (h >= 1 && h <= lead && t + h - 1 < load.length ? load[t + h - 1] : undefined) });
  }
  const policy: Policy = { ...(options.policy ?? DEFAULT_POLICY), strategy: 'tiered', forecast: options.forecast === 'volume' ? 'volume' : 'behaviour' };
  const name = `tiered-${options.forecast}`;
  if (options.forecast === 'volume') return { ...simulate(demand.load, policyStrategy(policy), config, options), strategy: name };
  // Tier 2's own quantile forecast depends on the requests only, so a twin forecaster fed the same minutes
  // shows where the outside forecast was above it (at the horizons tier 2 asks: 1, Ls + 1, Lc + 1).
  const own = new ShortTermForecaster({ maxHorizon: lead });
  const q = policy.targets.servingQuantile;
  const asked = [...new Set([1, config.shadowActivation + 1, config.coldStart + 1])];
  let decisions = 0;
  let binding = 0;
  const ratios: number[] = [];
  const observed = (t: number, history: DecisionContext['history']): ExternalForecast | undefined => {
    own.observe(history.at(t - 1));
    const x = source(t);
    if (!x) return x;
    decisions++;
    const above = asked.map((h) => ({ h, ext: x.perMinute(h), own: own.forecast(h, q).value }));
    if (above.some((a) => a.ext !== undefined && a.ext > a.own)) binding++;
    const atCold = above.find((a) => a.h === config.coldStart + 1)!;
    if (atCold.ext !== undefined && atCold.own > 0) ratios.push(atCold.ext / atCold.own);
    return x;
  };
  const r = simulate(demand.load, withExternal(policyStrategy(policy), name, observed), config, options);
  ratios.sort((a, b) => a - b);
  const external = { decisions, binding, median_ratio: ratios.length ? ratios[Math.floor(ratios.length / 2)] : NaN, max_ratio: ratios.at(-1) ?? NaN };
  return { ...r, external };
}
