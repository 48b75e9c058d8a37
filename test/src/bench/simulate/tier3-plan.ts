import { loadAugursSync } from '@shadowfleet/exporter';
import { simulate, simulateJson, tieredStrategy, trendStandbyPlan, type SimConfig, type SimulateJson, type StandbyPlanSource } from '@shadowfleet/models';

/** Minutes before the first plan (two days of history): left out of the standby means so both sizings compare on the same minutes. */
const FIRST_PLAN_MINUTE = 2880;

/** Tier 3 over the minutes from day 2 on, for one sizing. */
export interface StandbyMeans {
  /** Mean standby target tier 3 kept (combined.standby). */
  readonly mean_standby_target: number;
  /** Mean of the self-sized target (surge − planned serving pool), reported beside whichever was kept. */
  readonly mean_self_sized_target: number;
  /** Mean standby hosts actually in the fleet (targets plus hosts kept after leaving serving). */
  readonly mean_standby_hosts: number;
}

/** What the trend refits cost in one `tiered-plan` run, and what the two sizings kept. */
export interface Tier3PlanFits {
  readonly fits: number;
  readonly fit_seconds: number;
  readonly wall_seconds: number;
  readonly minutes_with_plan: number;
  /** `self`: the same trace with `tiered`; `plan`: this run. */
  readonly from_day_2: { readonly self: StandbyMeans; readonly plan: StandbyMeans };
}

function runSizing(requests: number[], config: SimConfig, standbyPlan?: StandbyPlanSource, name?: string): { json: SimulateJson; means: StandbyMeans } {
  let n = 0;
  let target = 0;
  let selfSized = 0;
  const strategy = tieredStrategy(standbyPlan ? { standbyPlan, name } : {}, (t, d) => {
    if (t < FIRST_PLAN_MINUTE) return;
    n++;
    target += d.combined.standby;
    selfSized += d.tiers[2].numbers.self_sized_standby_hosts;
  });
  const result = simulate(requests, strategy, config, { timeline: true });
  const rows = result.timeline!.slice(FIRST_PLAN_MINUTE);
  const standby = rows.reduce((a, r) => a + r.standby, 0);
  const means = { mean_standby_target: target / Math.max(1, n), mean_self_sized_target: selfSized / Math.max(1, n), mean_standby_hosts: standby / Math.max(1, rows.length) };
  return { json: simulateJson(result), means };
}

/**
 * `tiered-plan` (tier 3 keeps the trend plan's standby hosts, refitted once a simulated day on r_0 … r_{t-1};
 * the same strategy as `--strategy tiered-plan`) or `tiered-plan-net` (the plan's upper-bound hosts minus the
 * serving pool), run with the plan source in hand to report the fit cost,
 * and `tiered` again beside it for the standby means of both sizings.
 */
export function tier3PlanRow(
  requests: number[],
  config: SimConfig,
  sizing: 'plan' | 'plan-net',
): { row: SimulateJson & { wall_seconds: number }; fits: Tier3PlanFits } {
  const started = process.hrtime.bigint();
  const source = trendStandbyPlan(loadAugursSync(), { sizing });
  const plan = runSizing(requests, config, source, sizing === 'plan' ? 'tiered-plan' : 'tiered-plan-net');
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const self = runSizing(requests, config);
  const s = source.stats;
  return {
    row: { ...plan.json, wall_seconds: wall },
    fits: { fits: s.fits, fit_seconds: s.fitSeconds, wall_seconds: wall, minutes_with_plan: s.minutesWithPlan, from_day_2: { self: self.means, plan: plan.means } },
  };
}
