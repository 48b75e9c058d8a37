import { parseShowStat } from '@shadowfleet/haproxy-runtime';
import { demandSeries, elasticityMetrics, oracleCost, type SimMetrics } from '@shadowfleet/models';
import type { PoolSample } from './host-agent';

/** What HAProxy counted for the backend (cumulative since it started). */
export interface BackendCounters {
  readonly served: number;
  readonly errored: number;
  readonly queued: number;
}

/** The backend's 2xx and 5xx answers and its current queue from `show stat`. */
export function backendCounters(showStat: string, backend: string): BackendCounters {
  const row = parseShowStat(showStat).find((r) => r.pxname === backend && r.svname === 'BACKEND');
  if (!row) throw new Error(`show stat has no BACKEND row for ${backend}`);
  return { served: Number(row.hrsp_2xx ?? 0), errored: Number(row.hrsp_5xx ?? 0), queued: Number(row.qcur ?? 0) };
}

/** One trace minute of the production run, as HAProxy and the pool showed it. */
export interface ProductionMinute {
  /** Time-weighted means over the minute. */
  serving: number;
  fullPrice: number;
  standby: number;
  /** HTTP requests HAProxy answered 2xx / 5xx in the minute, and the longest queue it had. */
  served: number;
  errored: number;
  maxQueue: number;
  seconds: number;
}

/** Accumulates pool samples and HAProxy counters into trace minutes (minute t = wall [t0 + t·step, t0 + (t+1)·step)). */
export class MinuteRecorder {
  readonly minutes: ProductionMinute[];
  private last: PoolSample | undefined;
  private counters: BackendCounters | undefined;

  constructor(
    private readonly t0: number,
    private readonly stepMs: number,
    count: number,
  ) {
    this.minutes = Array.from({ length: count }, () => ({ serving: 0, fullPrice: 0, standby: 0, served: 0, errored: 0, maxQueue: 0, seconds: 0 }));
  }

  private minuteAt(ms: number): number {
    return Math.floor((ms - this.t0) / this.stepMs);
  }

  /** A pool sample: the previous one holds from its time to this one's (split across minute boundaries). */
  pool(s: PoolSample): void {
    const prev = this.last;
    this.last = s;
    if (!prev) return;
    let from = Math.max(prev.at, this.t0);
    while (from < s.at) {
      const t = this.minuteAt(from);
      if (t >= this.minutes.length) break;
      const to = Math.min(s.at, this.t0 + (t + 1) * this.stepMs);
      const m = this.minutes[t];
      const w = (to - from) / 1000;
      m.serving += prev.serving * w;
      m.fullPrice += (prev.serving + prev.starting + prev.standbyBooting) * w;
      m.standby += prev.standby * w;
      m.seconds += w;
      from = to;
    }
  }

  /** HAProxy's counters at `at`: the change since the last reading is counted in the minute of `at`. */
  haproxy(c: BackendCounters, at: number): void {
    const t = Math.min(this.minutes.length - 1, this.minuteAt(at));
    const prev = this.counters;
    this.counters = c;
    if (t < 0) return;
    const m = this.minutes[t];
    if (prev) {
      m.served += c.served - prev.served;
      m.errored += c.errored - prev.errored;
    }
    m.maxQueue = Math.max(m.maxQueue, c.queued);
  }

  /** Minutes for which the pool was never sampled (the agent fell behind). */
  unsampled(): number {
    return this.minutes.filter((m) => m.seconds === 0).length;
  }
}

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
