import { loadAugursSync, simulate, simulateJson, tieredStrategy, trendStandbyPlan, type SimConfig, type SimulateJson } from '@shadowfleet/models';

/** What the trend refits cost in one `tiered-plan` run, and what they planned. */
export interface Tier3PlanFits {
  readonly fits: number;
  readonly fit_seconds: number;
  readonly wall_seconds: number;
  /** Mean planned standby hosts over the minutes that had a plan (self-sized before day 2). */
  readonly mean_planned_standby_hosts: number;
  readonly minutes_with_plan: number;
}

/**
 * `tiered-plan` (tier 3 keeps the trend plan's standby hosts, refitted once a simulated day on r_0 … r_{t-1};
 * the same strategy as `--strategy tiered-plan`), run with the plan source in hand to report the fit cost.
 */
export function tier3PlanRow(requests: number[], config: SimConfig): { row: SimulateJson & { wall_seconds: number }; fits: Tier3PlanFits } {
  const started = process.hrtime.bigint();
  const source = trendStandbyPlan(loadAugursSync());
  const result = simulate(requests, tieredStrategy({ standbyPlan: source }), config);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const s = source.stats;
  return {
    row: { ...simulateJson(result), wall_seconds: wall },
    fits: {
      fits: s.fits,
      fit_seconds: s.fitSeconds,
      wall_seconds: wall,
      mean_planned_standby_hosts: s.minutesWithPlan > 0 ? s.plannedStandbyHostMinutes / s.minutesWithPlan : 0,
      minutes_with_plan: s.minutesWithPlan,
    },
  };
}
