import { plannedStandbyAt, type DecisionContext, type PlannedStandby, type ShadowFleetPlan, type StandbyPlanSource } from '@shadowfleet/models';

/** Where tier 3's standby pool comes from in the dry run: its own surge forecast, or the trend plan. */
export type Tier3Sizing = 'self' | 'plan';

/** Both tier-3 numbers of the latest decision, so operators see the one not acted on too. */
export interface Tier3Standby {
  /** The sizing the dry run acts on (trend settings `tier3Sizing`). */
  readonly sizing: Tier3Sizing;
  /** Standby hosts for the surge quantile beyond the serving plan (the manager's own sizing). */
  readonly self_sized_hosts: number;
  /** Standby hosts the trend plan wants for the coming minute's hour; null without a plan covering it. */
  readonly plan_hosts: number | null;
  /** Start of the plan's forecast (the end of the history it was fitted on), when there is a plan. */
  readonly plan_start?: string;
}

/**
 * The plan's standby hosts at `atMs` (hour of `atMs`, or the next one within `leadMinutes`), in hosts of
 * `capacityPerHost`: the plan counts hosts of its own capacity, which differs when neither was configured
 * (each defaults to its history's peak / 100), so the count is rescaled and rounded up.
 */
export function planHostsAt(plan: ShadowFleetPlan, atMs: number, leadMinutes: number, capacityPerHost: number): number | undefined {
  const hosts = plannedStandbyAt(plan, atMs, leadMinutes);
  if (hosts === undefined) return undefined;
  return plan.capacityPerHost === capacityPerHost ? hosts : Math.ceil((hosts * plan.capacityPerHost) / capacityPerHost - 1e-9);
}

/** Tier 3's pool from the plan on the dry run's clock (minute t = startMs + t minutes); self-sized before the plan starts. */
export function planStandbySource(plan: ShadowFleetPlan, startMs: number): StandbyPlanSource {
  const fitted = new Date(plan.startMs).toISOString();
  return {
    plannedStandby({ t, config }: DecisionContext): PlannedStandby | undefined {
      const atMs = startMs + t * 60_000;
      const hosts = planHostsAt(plan, atMs, config.coldStart, config.capacity);
      if (hosts === undefined) return undefined;
      const hour = new Date(atMs - ((atMs - plan.startMs) % 3_600_000)).toISOString();
      return { hosts, source: `trend plan from ${fitted}, hour starting ${hour}` };
    },
  };
}
