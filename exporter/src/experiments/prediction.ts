import { simulate, type SimConfig, type Strategy } from '@shadowfleet/models';

/** The simulator's prediction for an arm's live minutes: the same strategy and fleet settings on the requests HAProxy counted. */
export interface SimulatedArm {
  readonly minutes: number;
  readonly requests: number;
  /** Host-minutes: serving, booting and activating hosts at full price, standby at the standby cost. */
  readonly cost: number;
  readonly costPer100Requests: number;
  /** Requests above the serving hosts' capacity, % of all (the simulator's stand-in for a missed SLO). */
  readonly unservedPct: number;
  /** Minutes with fewer serving hosts than the requests needed, % of the live minutes. */
  readonly underProvisionedPct: number;
  readonly meanServing: number;
}

/**
 * Simulates the pool's history and live minutes (requests per minute, oldest first) with a fresh strategy
 * and keeps the live minutes: what `simulate` predicts for the minutes the live arm ran. With
 * `config.actuationDelay` the fleet follows the decisions that much later and each minute's hosts and
 * bill are time averages, measured as the live minutes are (models/src/sim/actuation.ts).
 */
export function predictArm(history: readonly number[], live: readonly number[], strategy: Strategy, config: SimConfig): SimulatedArm {
  if (live.length === 0) return { minutes: 0, requests: 0, cost: 0, costPer100Requests: 0, unservedPct: 0, underProvisionedPct: 0, meanServing: 0 };
  const rows = simulate([...history, ...live], strategy, config, { timeline: true }).timeline!.slice(history.length);
  let cost = 0;
  let requests = 0;
  let unserved = 0;
  let short = 0;
  let serving = 0;
  for (const r of rows) {
    cost += r.cost;
    requests += r.requests;
    unserved += Math.max(0, r.requests - r.serving * config.capacity);
    if (r.serving < r.demand) short++;
    serving += r.serving;
  }
  return {
    minutes: rows.length,
    requests,
    cost,
    costPer100Requests: (100 * cost) / Math.max(1, requests),
    unservedPct: (100 * unserved) / Math.max(1, requests),
    underProvisionedPct: (100 * short) / rows.length,
    meanServing: serving / rows.length,
  };
}
