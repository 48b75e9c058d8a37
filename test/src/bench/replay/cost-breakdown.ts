import { oracleCost, type TimelineRow } from '@shadowfleet/models';

/** How far back a serving host above the oracle's still counts as held from a recent peak (a reading aid, not a model constant). */
export const LAG_WINDOW_MINUTES = 10;

/**
 * Where a strategy's host-minutes on a segment go, against the oracle of BENCHMARKS.md §1 (docs/replay.md#why-nasa-costs-more).
 * All in host-minutes. The oracle's cost = need + oracle_bridging + oracle_boots. The strategy's cost =
 * need − short + bridged + anticipation + scale_in_lag + margin + booting + activating + standby + measurement.
 */
export interface CostBreakdown {
  readonly minutes: number;
  /** Σ d_t: the hosts the demand needs, minute by minute (integer hosts, so it holds the rounding up of each minute). */
  readonly need: number;
  /** Σ (d_t − r_t / C): the part of the need that is rounding up to whole hosts (in the oracle's cost as in the strategy's). */
  readonly need_rounding: number;
  /** Minutes the strategy served with one host (the policy's minHosts): where that floor could bind. */
  readonly minutes_at_one_host: number;
  readonly oracle: number;
  /** The oracle's hosts kept idle over gaps shorter than the cold start (cheaper than relaunching). */
  readonly oracle_bridging: number;
  /** The oracle's boots: Lc host-minutes per launch after the segment's first minute. */
  readonly oracle_boots: number;
  /** Σ max(0, d_t − s_t): needed host-minutes the strategy did not serve (they lower its cost). */
  readonly short: number;
  /** Serving above demand but within the hosts the oracle keeps on (its bridging). */
  readonly bridged: number;
  /** Serving above the oracle's hosts, up to the most the oracle keeps within the next Lc + 1 minutes. */
  readonly anticipation: number;
  /** Serving above that, up to the most the oracle kept within the last LAG_WINDOW_MINUTES. */
  readonly scale_in_lag: number;
  /** Serving above all of that: headroom for a peak that did not come. */
  readonly margin: number;
  /** Cold and shadow hosts booting (full price). */
  readonly booting: number;
  /** Standby hosts being activated (full price). */
  readonly activating: number;
  /** Standby hosts at the standby cost ks. */
  readonly standby: number;
  /** The rest: a minute whose pool changed is billed time-averaged but counted as its rounded serving hosts. */
  readonly measurement: number;
  readonly cost: number;
}

/** Hosts the oracle keeps on in each minute: host k serves where d_t ≥ k and bridges an idle gap shorter than Lc. */
export function oracleHostsOn(demand: readonly number[], coldStart: number): Int32Array {
  const on = new Int32Array(demand.length);
  const maxD = Math.max(0, ...demand);
  for (let k = 1; k <= maxD; k++) {
    let last = -1;
    for (let t = 0; t < demand.length; t++) {
      if (demand[t] < k) continue;
      if (last >= 0 && t - last - 1 < coldStart) for (let u = last + 1; u < t; u++) on[u]++;
      on[t]++;
      last = t;
    }
  }
  return on;
}

/** The breakdown of rows [start, end) of a simulated timeline (rows before `start` serve the lag window). */
export function costBreakdown(timeline: readonly TimelineRow[], start: number, end: number, sim: { capacity: number; coldStart: number; shadowCost: number }): CostBreakdown {
  const { capacity, coldStart, shadowCost } = sim;
  const rows = timeline.slice(start, end);
  const demand = rows.map((r) => r.demand);
  const on = oracleHostsOn(demand, coldStart);
  const oracleOn = (t: number): number => (t >= start && t < end ? on[t - start] : timeline[t].demand);
  const sum = (f: (r: TimelineRow, t: number) => number): number => rows.reduce((a, r, i) => a + f(r, start + i), 0);
  const need = sum((r) => r.demand);
  const oracle = oracleCost(demand, coldStart);
  const need_rounding = sum((r) => r.demand - r.requests / capacity);
  const minutes_at_one_host = sum((r) => (r.serving <= 1 ? 1 : 0));
  const oracle_bridging = sum((r, t) => oracleOn(t) - r.demand);
  let short = 0, bridged = 0, anticipation = 0, scale_in_lag = 0, margin = 0;
  for (let t = start; t < end; t++) {
    const { demand: d, serving: s } = timeline[t];
    const o = oracleOn(t);
    short += Math.max(0, d - s);
    bridged += Math.min(Math.max(0, s - d), o - d);
    let above = Math.max(0, s - o);
    let ahead = 0;
    for (let u = t; u <= Math.min(end - 1, t + coldStart + 1); u++) ahead = Math.max(ahead, oracleOn(u));
    let behind = 0;
    for (let u = Math.max(0, t - LAG_WINDOW_MINUTES); u < t; u++) behind = Math.max(behind, oracleOn(u));
    const a = Math.min(above, Math.max(0, ahead - o));
    above -= a;
    const l = Math.min(above, Math.max(0, behind - Math.max(o, ahead)));
    anticipation += a;
    scale_in_lag += l;
    margin += above - l;
  }
  const booting = sum((r) => r.booting);
  const activating = sum((r) => r.activating);
  const standby = shadowCost * sum((r) => r.standby);
  const cost = sum((r) => r.cost);
  const measurement = cost - (need - short + bridged + anticipation + scale_in_lag + margin + booting + activating + standby);
  return { minutes: rows.length, need, need_rounding, minutes_at_one_host, oracle, oracle_bridging, oracle_boots: oracle - need - oracle_bridging, short, bridged, anticipation, scale_in_lag, margin, booting, activating, standby, measurement, cost };
}

/** Several breakdowns added up (pooled slices). */
export function addBreakdowns(parts: readonly CostBreakdown[]): CostBreakdown {
  const keys = Object.keys(parts[0]) as (keyof CostBreakdown)[];
  return Object.fromEntries(keys.map((k) => [k, parts.reduce((a, p) => a + p[k], 0)])) as unknown as CostBreakdown;
}
