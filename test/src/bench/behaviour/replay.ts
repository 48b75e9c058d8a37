import { defaultCapacity, minuteDemand, MARGINAL_PER_MINUTE, simulateEvents, type BehaviourAdapter, type ComplexityBasis, type EventReplayOptions, type MinuteDemand } from '@shadowfleet/models';
import { loadAugursSync, simulation } from '@shadowfleet/exporter';
import { benchSimConfig } from '../sim/config';

/** One row of the side-by-side table. */
export interface ReplayRow {
  readonly variant: string;
  readonly what: string;
  readonly tau_U: number;
  readonly theta_U: number;
  readonly unserved_pct: number;
  readonly cost_ratio: number;
  readonly external?: { decisions: number; binding: number; median_ratio: number; max_ratio: number };
  readonly seconds: number;
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

interface Variant {
  readonly variant: string;
  readonly what: string;
  readonly strategy: string;
  readonly options: (adapter: BehaviourAdapter) => EventReplayOptions;
}

/**
 * The variants compared on one log. `tiered-behaviour` is what the exporter would do (its adapter, the
 * chain's next-action costs, as while no LSTM is promoted); `next-max` gives every active user the
 * dearest action as the next one — an upper bound for any next-action model, the profile-aware LSTM
 * included; `foresight` hands tier 2 the true demand (not causal: the most any outside forecast can add).
 */
const VARIANTS: readonly Variant[] = [
  { variant: 'tiered-behaviour', what: "exporter's adapter: mean per minute of the 5/15/60-minute forecasts", strategy: 'tiered', options: (adapter) => ({ forecast: 'behaviour', adapter }) },
  { variant: 'tiered-behaviour-marginal', what: 'expected load of each of the next minutes, F(h) − F(h−1)', strategy: 'tiered', options: () => ({ forecast: 'behaviour', adapter: MARGINAL_PER_MINUTE }) },
  {
    variant: 'tiered-behaviour-next-max',
    what: 'every active user’s next action costed at the dearest action: upper bound for any next-action model (profile-aware LSTM included)',
    strategy: 'tiered',
    options: (adapter) => ({ forecast: 'behaviour', adapter, nextCost: (_u, m) => Math.max(...m.chain.meanCosts()) }),
  },
  { variant: 'tiered-volume', what: 'tier 2 on its own volume quantile forecast', strategy: 'tiered', options: () => ({ forecast: 'volume' }) },
  { variant: 'tiered-foresight', what: 'bound: tier 2 also given the true demand of the coming minutes (not causal)', strategy: 'tiered', options: () => ({ forecast: 'foresight' }) },
  { variant: 'predictive', what: 'BENCHMARKS.md §1 baseline (no forecast before 24 h: hpa on these logs)', strategy: 'predictive', options: () => ({ forecast: 'volume' }) },
  { variant: 'hpa', what: 'BENCHMARKS.md §1 baseline', strategy: 'hpa', options: () => ({ forecast: 'volume' }) },
];

/** Every variant on one log's per-minute demand, at the BENCHMARKS.md §1 defaults (C = max / 100, Lc 5, Ls 1, ks 0.1) and the shipped actuation delay. */
export function replayVariants(demand: MinuteDemand, basis: ComplexityBasis): ReplayRow[] {
  const config = benchSimConfig(demand.load);
  return VARIANTS.map((v) => {
    const started = performance.now();
    const r = simulateEvents(demand, v.strategy, config, { ...v.options(simulation.EXPORTER_ADAPTER), loadModel: { basis }, augurs: loadAugursSync });
    const m = r.metrics;
    return {
      variant: v.variant,
      what: v.what,
      tau_U: r4(m.tau_U),
      theta_U: r4(m.theta_U),
      unserved_pct: r4(m.unserved_pct),
      cost_ratio: r4(m.cost_ratio),
      ...(r.external ? { external: { ...r.external, median_ratio: r4(r.external.median_ratio), max_ratio: r4(r.external.max_ratio) } } : {}),
      seconds: r4((performance.now() - started) / 1000),
    };
  });
}

/** Reads a log through the importers and replays every variant for each basis. */
export async function replayLog(file: string, format: string, options: object, bases: readonly ComplexityBasis[]): Promise<Record<string, unknown>> {
  const { events } = await simulation.readEventsFile(file, format, options);
  const out: Record<string, unknown> = { events: events.length };
  for (const basis of bases) {
    const demand = minuteDemand(events, basis);
    out[basis] = { minutes: demand.load.length, capacity_per_host: r4(defaultCapacity(demand.load)), rows: replayVariants(demand, basis) };
  }
  return out;
}
