import type { PlannedStandby } from '../../allocation/types';
import type { Augurs } from '../../trend/augurs';
import { analyseShadowFleet, DEFAULT_STEP_MINUTES } from '../../trend/pipeline';
import { plannedStandbyAt, plannedUpperHostsAt } from '../../trend/plan-lookup';
import type { ShadowFleetPlan } from '../../trend/types';
import type { DecisionContext } from '../types';

/** Gives tier 3 its standby pool size for minute t from a trend plan, or undefined when there is no plan yet. */
export interface StandbyPlanSource {
  plannedStandby(ctx: DecisionContext): PlannedStandby | undefined;
}

export interface TrendStandbyOptions {
  /** Minutes between refits of the trend analysis; default 1440 (once a simulated day). */
  readonly refitMinutes?: number;
  /** Days of history each fit sees at most; default 28 (the trend report's default). */
  readonly historyDays?: number;
  /** No plan before this many days of history (MSTL needs two daily cycles); default 2. */
  readonly minHistoryDays?: number;
  /** Forecast step in minutes; default 15 (the trend pipeline's default). */
  readonly stepMinutes?: number;
  /** The plan's activation rule: a predicted excess must last this long; default the plan's (15). */
  readonly minSustainedMinutes?: number;
  /** Prediction interval level of the forecast; default the trend report's (0.95). */
  readonly level?: number;
  /**
   * `plan` (default): tier 3 keeps the plan's standby hosts; `plan-net`: the plan's sustained upper-bound hosts
   * minus the serving pool tiers 1–2 plan (the manager subtracts what it really serves, not the point forecast).
   */
  readonly sizing?: 'plan' | 'plan-net';
}

/** What the refits cost and what they planned, for benchmarks. */
export interface TrendStandbyStats {
  fits: number;
  fitSeconds: number;
  /** Σ over minutes with a plan of the planned standby hosts. */
  plannedStandbyHostMinutes: number;
  minutesWithPlan: number;
}

const TEMPLATES = [{ name: 'general', stack: 'default', profiles: [] }];

/**
 * The trend plan inside the simulator: every `refitMinutes` the MSTL + ETS analysis and shadow fleet plan
 * (analyseShadowFleet, the exporter's trend refresher's code) are refitted on r_0 … r_{t-1} only — the last
 * `historyDays`, cut to whole forecast steps ending at t — and tier 3 reads the plan's standby hosts for the
 * current hour (or the next one, within a cold start of it), or with `sizing: 'plan-net'` the plan's
 * upper-bound hosts for it, from which the manager subtracts its serving pool. Minute t is at t · 60,000 ms on the plan's clock.
 * Each fit runs synchronously on the simulator's thread (about 0.2 s for 28 days at 15-minute steps).
 */
export function trendStandbyPlan(augurs: Augurs, options: TrendStandbyOptions = {}): StandbyPlanSource & { readonly stats: TrendStandbyStats } {
  const refit = options.refitMinutes ?? 1440;
  const historyDays = options.historyDays ?? 28;
  const minHistory = (options.minHistoryDays ?? 2) * 1440;
  const step = options.stepMinutes ?? DEFAULT_STEP_MINUTES;
  if (!(Number.isInteger(refit) && refit >= 1)) throw new RangeError(`refitMinutes must be a whole number ≥ 1, got ${refit}`);
  if (!(historyDays >= 2)) throw new RangeError(`historyDays must be ≥ 2 (two daily cycles), got ${historyDays}`);
  if (!(minHistory >= 2 * 1440)) throw new RangeError(`minHistoryDays must be ≥ 2 (two daily cycles), got ${options.minHistoryDays}`);
  const stats: TrendStandbyStats = { fits: 0, fitSeconds: 0, plannedStandbyHostMinutes: 0, minutesWithPlan: 0 };
  let plan: ShadowFleetPlan | undefined;
  let fittedAt = -Infinity;
  return {
    stats,
    plannedStandby(ctx: DecisionContext): PlannedStandby | undefined {
      const { t, config } = ctx;
      if (t >= minHistory && t - fittedAt >= refit) {
        let n = Math.min(t, Math.round(historyDays * 1440));
        n -= n % step;
        const started = performance.now();
        plan = analyseShadowFleet(augurs, { startMs: (t - n) * 60_000, stepMs: 60_000, values: ctx.history.slice(t - n, t) }, {
          stepMinutes: step,
          report: { level: options.level, maxHistoryDays: historyDays },
          plan: {
            capacityPerHost: config.capacity,
            coldStartMinutes: config.coldStart,
            minSustainedMinutes: options.minSustainedMinutes,
            horizonHours: Math.ceil(refit / 60) + 1,
            templates: TEMPLATES,
          },
        }).plan;
        stats.fitSeconds += (performance.now() - started) / 1000;
        stats.fits++;
        fittedAt = t;
      }
      const hosts = plan ? plannedStandbyAt(plan, t * 60_000, config.coldStart) : undefined;
      if (hosts === undefined) return undefined;
      stats.plannedStandbyHostMinutes += hosts;
      stats.minutesWithPlan++;
      const upperHosts = options.sizing === 'plan-net' ? plannedUpperHostsAt(plan!, t * 60_000, config.coldStart) : undefined;
      return { hosts, ...(upperHosts !== undefined ? { upperHosts } : {}), source: `plan fitted at minute ${fittedAt} on the previous ${Math.min(fittedAt, historyDays * 1440)} minutes, hour ${Math.floor((t - fittedAt) / 60)}` };
    },
  };
}
