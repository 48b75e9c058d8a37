import { demandSeries, elasticityMetrics, oracleCost, type SimMetrics } from '@shadowfleet/models';

import type { ProductionMinute } from '../hosts/pool-minutes';

export { backendCounters, MinuteRecorder, type BackendCounters, type ProductionMinute } from '../hosts/pool-minutes';

/** The production run's metrics, the way BENCHMARKS.md §1 defines them, from what was measured. */
export interface ProductionReport extends SimMetrics {
  /** Trace requests HAProxy answered with an error (5xx) as a share of all, from its counters. */
  readonly errored_pct: number;
  /** Minutes in which HAProxy queued requests or answered an error. */
  readonly minutes_with_queue_or_errors: number;
  readonly http: { readonly served: number; readonly errored: number; readonly weight: number };
  readonly serving: ServingSummary;
}

/** How the serving hosts moved over the slice. */
export interface ServingSummary {
  readonly first: number;
  readonly last: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

export function servingSummary(supply: readonly number[]): ServingSummary {
  return { first: supply[0], last: supply[supply.length - 1], min: Math.min(...supply), max: Math.max(...supply), mean: supply.reduce((a, b) => a + b, 0) / supply.length };
}

/**
 * s_t: the hosts in rotation, averaged over the minute and rounded (a host counts in a minute when it
 * served at least half of it). Cost: hosts at full price (in rotation, booting, activating, standby
 * booting) plus ks × standby, averaged per minute. unserved_pct: trace requests HAProxy did not answer
 * 2xx (errors and requests still unanswered), the production counterpart of Σ max(0, r_t − s_t·C).
 */
export function productionReport(requests: readonly number[], minutes: readonly ProductionMinute[], capacity: number, coldStart: number, standbyCost: number, weight: number): ProductionReport {
  const demand = demandSeries(requests, capacity);
  const mean = (m: ProductionMinute, v: number): number => (m.seconds > 0 ? v / m.seconds : 0);
  const supply = minutes.map((m) => Math.floor(mean(m, m.serving) + 0.5));
  const cost = minutes.reduce((c, m) => c + mean(m, m.fullPrice) + standbyCost * mean(m, m.standby), 0);
  const metrics = elasticityMetrics({ requests, demand, supply, capacity, cost, oracleCost: oracleCost(demand, coldStart) });
  const served = minutes.reduce((a, m) => a + m.served, 0);
  const errored = minutes.reduce((a, m) => a + m.errored, 0);
  const sent = requests.reduce((a, r) => a + r, 0) / weight;
  return {
    ...metrics,
    unserved_pct: sent > 0 ? Math.max(0, (100 * (sent - served)) / sent) : 0,
    errored_pct: sent > 0 ? (100 * errored) / sent : 0,
    minutes_with_queue_or_errors: minutes.filter((m) => m.maxQueue > 0 || m.errored > 0).length,
    http: { served, errored, weight },
    serving: servingSummary(supply),
  };
}

/** How far production and the simulation agree: the goal is |Δ tau_U| ≤ 1 point and cost within 10 %. */
export function agreement(production: SimMetrics, simulated: SimMetrics): Record<string, number | boolean> {
  const dTau = production.tau_U - simulated.tau_U;
  const costRel = production.cost_host_minutes / simulated.cost_host_minutes - 1;
  return {
    tau_U_points: dTau,
    theta_U_points: production.theta_U - simulated.theta_U,
    unserved_points: production.unserved_pct - simulated.unserved_pct,
    cost_relative: costRel,
    cost_ratio_difference: production.cost_ratio - simulated.cost_ratio,
    within_goal: Math.abs(dTau) <= 1 && Math.abs(costRel) <= 0.1,
  };
}
