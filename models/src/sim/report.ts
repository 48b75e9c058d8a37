import type { SimResult } from './simulate';
import type { TimelineRow } from './types';

/** The `--json` object of `shadowfleet simulate`, keys exactly as in BENCHMARKS.md section 1. */
export interface SimulateJson {
  strategy: string;
  minutes: number;
  capacity_per_host: number;
  cold_start_min: number;
  shadow_activation_min: number;
  shadow_standby_cost: number;
  theta_U: number;
  theta_O: number;
  tau_U: number;
  tau_O: number;
  unserved_pct: number;
  cost_host_minutes: number;
  oracle_cost_host_minutes: number;
  cost_ratio: number;
}

export function simulateJson(r: SimResult): SimulateJson {
  const m = r.metrics;
  return {
    strategy: r.strategy,
    minutes: m.minutes,
    capacity_per_host: r.config.capacity,
    cold_start_min: r.config.coldStart,
    shadow_activation_min: r.config.shadowActivation,
    shadow_standby_cost: r.config.shadowCost,
    theta_U: m.theta_U,
    theta_O: m.theta_O,
    tau_U: m.tau_U,
    tau_O: m.tau_O,
    unserved_pct: m.unserved_pct,
    cost_host_minutes: m.cost_host_minutes,
    oracle_cost_host_minutes: m.oracle_cost_host_minutes,
    cost_ratio: m.cost_ratio,
  };
}

export const TIMELINE_HEADER = 'minute,requests,demand_hosts,serving_hosts,booting_hosts,standby_hosts,activating_hosts';

/** A count as written: whole numbers as they are, time averages (with an actuation delay) to 3 decimals. */
const count = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(3));

/** The `--timeline` CSV: one row per minute. */
export function timelineCsv(rows: readonly TimelineRow[]): string {
  const lines = [TIMELINE_HEADER];
  for (const r of rows) lines.push(`${r.minute},${r.requests},${r.demand},${r.serving},${count(r.booting)},${count(r.standby)},${count(r.activating)}`);
  return lines.join('\n') + '\n';
}
