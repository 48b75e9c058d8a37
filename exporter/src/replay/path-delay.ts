import { elasticityMetrics, oracleCost, type SimMetrics, type SimResult } from '@shadowfleet/models';

/**
 * The real path's delay, measured, and the simulation with it. The manager's decisions do not depend on
 * the real pool (it keeps its own books, as the simulator does), so the path only delays them: a target
 * decided at the start of minute t reaches HAProxy δ later (the decision timer's phase within the step,
 * a scrape, a rule evaluation, Alertmanager's group_wait/group_interval, the webhook). A host then serves
 * δ later than the simulator assumes, and counts in a minute only when it served at least half of it.
 */
export interface PathDelay {
  /** Median, 10th and 90th percentile of decision → webhook change, in steps; how many changes were matched. */
  readonly median_steps: number;
  readonly p10_steps: number;
  readonly p90_steps: number;
  readonly matched: number;
  /** Whole minutes the fleet is late by (round(median)), the shift the simulation is given. */
  readonly shift_minutes: number;
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  const x = q * (sorted.length - 1);
  const i = Math.floor(x);
  return i + 1 < sorted.length ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/**
 * For every change of the pool's server count, the time since the earliest decision (at its step
 * start) whose target it carries out, among the decisions since the previous change.
 */
export function measurePathDelay(decisions: ReadonlyArray<{ at: number; serving: number }>, changes: ReadonlyArray<{ at: number; active: number }>, stepMs: number): PathDelay | undefined {
  const byTime = [...decisions].sort((a, b) => a.at - b.at);
  const delays: number[] = [];
  for (let i = 1; i < changes.length; i++) {
    const c = changes[i];
    const d = byTime.find((x) => x.at > changes[i - 1].at - stepMs && x.at <= c.at && x.serving === c.active);
    if (d) delays.push((c.at - d.at) / stepMs);
  }
  if (delays.length === 0) return undefined;
  delays.sort((a, b) => a - b);
  const median = quantile(delays, 0.5);
  return { median_steps: median, p10_steps: quantile(delays, 0.1), p90_steps: quantile(delays, 0.9), matched: delays.length, shift_minutes: Math.round(median) };
}

/** The metrics of minutes [start, end) of a simulation whose fleet (serving hosts and cost) is `shift` minutes late. */
export function delayedMetrics(run: SimResult, start: number, end: number, shift: number): SimMetrics {
  const rows = run.timeline!;
  const at = (t: number) => rows[Math.max(0, t - shift)];
  const demand = rows.slice(start, end).map((r) => r.demand);
  let cost = 0;
  const supply: number[] = [];
  for (let t = start; t < end; t++) {
    const r = at(t);
    supply.push(r.serving);
    cost += r.serving + r.booting + r.activating + run.config.shadowCost * r.standby;
  }
  return elasticityMetrics({ requests: rows.slice(start, end).map((r) => r.requests), demand, supply, capacity: run.config.capacity, cost, oracleCost: oracleCost(demand, run.config.coldStart) });
}
