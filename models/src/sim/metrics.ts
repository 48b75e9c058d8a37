import type { SimMetrics } from './types';

/**
 * Cheapest fleet with zero under-provisioning under perfect foresight: host k serves the minutes where
 * d_t ≥ k; an idle gap shorter than Lc is bridged by keeping the host; every launch after minute 0
 * costs Lc host-minutes of booting.
 */
export function oracleCost(demand: ArrayLike<number>, coldStart: number): number {
  let maxD = 0;
  for (let t = 0; t < demand.length; t++) maxD = Math.max(maxD, demand[t]);
  // For host k: lastEnd[k] = minute after its last serving minute (-1: never served yet).
  const lastEnd = new Int32Array(maxD + 1).fill(-1);
  let cost = 0;
  for (let t = 0; t < demand.length; t++) {
    const d = demand[t];
    cost += d;
    for (let k = 1; k <= d; k++) {
      const end = lastEnd[k];
      if (end !== t) {
        // Host k starts a run at t: either first use, or after an idle gap of t - end minutes.
        if (end < 0) cost += t === 0 ? 0 : coldStart;
        else cost += Math.min(t - end, coldStart); // bridge a short gap, else relaunch
      }
      lastEnd[k] = t + 1;
    }
  }
  return cost;
}

/** Per-minute inputs of the metrics. */
export interface MetricInputs {
  readonly requests: ArrayLike<number>;
  readonly demand: ArrayLike<number>;
  readonly supply: ArrayLike<number>;
  readonly capacity: number;
  readonly cost: number;
  readonly oracleCost: number;
}

/** SPEC RG elasticity metrics (Herbst et al.) as defined in BENCHMARKS.md section 1. */
export function elasticityMetrics(m: MetricInputs): SimMetrics {
  const T = m.demand.length;
  if (T === 0) throw new RangeError('the trace has no minutes; metrics need at least one');
  let under = 0;
  let over = 0;
  let underMinutes = 0;
  let overMinutes = 0;
  let unserved = 0;
  let total = 0;
  for (let t = 0; t < T; t++) {
    const d = m.demand[t];
    const s = m.supply[t];
    if (s < d) {
      under += (d - s) / d;
      underMinutes++;
    } else if (s > d) {
      over += (s - d) / d;
      overMinutes++;
    }
    unserved += Math.max(0, m.requests[t] - s * m.capacity);
    total += m.requests[t];
  }
  return {
    minutes: T,
    theta_U: (100 * under) / T,
    theta_O: (100 * over) / T,
    tau_U: (100 * underMinutes) / T,
    tau_O: (100 * overMinutes) / T,
    unserved_pct: total > 0 ? (100 * unserved) / total : 0,
    cost_host_minutes: m.cost,
    oracle_cost_host_minutes: m.oracleCost,
    cost_ratio: m.cost / m.oracleCost,
  };
}
