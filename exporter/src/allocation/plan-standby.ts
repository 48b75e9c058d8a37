import {
  plannedStandbyAt,
  plannedUpperHostsAt,
  type DecisionContext,
  type PlannedStandby,
  type ScalingDecision,
  type ShadowFleetPlan,
  type StandbyPlanSource,
  type StandbySizing,
} from '@shadowfleet/models';

/** Where tier 3's standby pool comes from in the dry run: its own surge forecast, the trend plan, or the plan net of the serving pool. */
export type Tier3Sizing = StandbySizing;

/** Every tier-3 number of the latest decision, so operators see the ones not acted on too. */
export interface Tier3Standby {
  /** The sizing the dry run acted on (trend settings `tier3Sizing`; `self` while no plan covers the minute). */
  readonly sizing: Tier3Sizing;
  /** Standby hosts for the surge quantile beyond the serving plan (the manager's own sizing). */
  readonly self_sized_hosts: number;
  /** Standby hosts the trend plan wants for the coming minute's hour; null without a plan covering it. */
  readonly plan_hosts: number | null;
  /** The plan's upper-bound hosts for that hour minus the serving pool tiers 1–2 plan; null without a plan that has them. */
  readonly plan_net_hosts: number | null;
  /** Start of the plan's forecast (the end of the history it was fitted on), when there is a plan. */
  readonly plan_start?: string;
}

/** A plan's host count in hosts of `capacityPerHost` (each side defaults to its own history's peak / 100 when not configured). */
function rescale(hosts: number | undefined, plan: ShadowFleetPlan, capacityPerHost: number): number | undefined {
  if (hosts === undefined || plan.capacityPerHost === capacityPerHost) return hosts;
  return Math.ceil((hosts * plan.capacityPerHost) / capacityPerHost - 1e-9);
}

/** The plan's standby hosts at `atMs` (its hour, or the next one within `leadMinutes`), in hosts of `capacityPerHost`. */
export function planHostsAt(plan: ShadowFleetPlan, atMs: number, leadMinutes: number, capacityPerHost: number): number | undefined {
  return rescale(plannedStandbyAt(plan, atMs, leadMinutes), plan, capacityPerHost);
}

/** The same for the plan's upper-bound hosts. */
export function planUpperHostsAt(plan: ShadowFleetPlan, atMs: number, leadMinutes: number, capacityPerHost: number): number | undefined {
  return rescale(plannedUpperHostsAt(plan, atMs, leadMinutes), plan, capacityPerHost);
}

/** Tier 3's pool from the plan on the dry run's clock (minute t = startMs + t minutes); self-sized before the plan starts. */
export function planStandbySource(plan: ShadowFleetPlan, startMs: number, sizing: 'plan' | 'plan-net'): StandbyPlanSource {
  const fitted = new Date(plan.startMs).toISOString();
  return {
    plannedStandby({ t, config }: DecisionContext): PlannedStandby | undefined {
      const atMs = startMs + t * 60_000;
      const hosts = planHostsAt(plan, atMs, config.coldStart, config.capacity);
      if (hosts === undefined) return undefined;
      const upperHosts = sizing === 'plan-net' ? planUpperHostsAt(plan, atMs, config.coldStart, config.capacity) : undefined;
      const hour = new Date(atMs - ((atMs - plan.startMs) % 3_600_000)).toISOString();
      return { hosts, ...(upperHosts !== undefined ? { upperHosts } : {}), source: `trend plan from ${fitted}, hour starting ${hour}` };
    },
  };
}

/** All tier-3 numbers for the decision at `atMs`, and one line per number not acted on (for GET /v1/decisions). */
export function tier3Standby(
  decision: ScalingDecision,
  plan: ShadowFleetPlan | undefined,
  at: { readonly atMs: number; readonly coldStartMinutes: number; readonly capacityPerHost: number },
): { standby: Tier3Standby; others: Array<{ action: string; hosts: number; explanation: string }> } {
  const planHosts = plan ? planHostsAt(plan, at.atMs, at.coldStartMinutes, at.capacityPerHost) : undefined;
  const upper = plan ? planUpperHostsAt(plan, at.atMs, at.coldStartMinutes, at.capacityPerHost) : undefined;
  const standby: Tier3Standby = {
    sizing: decision.combined.standbySizing,
    self_sized_hosts: decision.tiers[2].numbers.self_sized_standby_hosts,
    plan_hosts: planHosts ?? null,
    plan_net_hosts: upper === undefined ? null : Math.max(0, upper - decision.combined.servingAtColdStart),
    ...(plan ? { plan_start: new Date(plan.startMs).toISOString() } : {}),
  };
  const notActed = `not acted on (sizing used: ${standby.sizing})`;
  const candidates: Array<[Tier3Sizing, string, number | null, string]> = [
    ['self', 'self-sized standby hosts', standby.self_sized_hosts, 'standby for the surge quantile beyond the serving plan'],
    ['plan', 'plan standby hosts', standby.plan_hosts, `standby hosts the trend plan (from ${standby.plan_start}) wants for this hour`],
    ['plan-net', 'plan-net standby hosts', standby.plan_net_hosts, `hosts the trend plan's upper bound needs this hour minus the serving pool tiers 1–2 plan`],
  ];
  const others = candidates
    .filter(([sizing, , hosts]) => sizing !== standby.sizing && hosts !== null)
    .map(([, action, hosts, why]) => ({ action, hosts: hosts as number, explanation: `${why}; ${notActed}` }));
  return { standby, others };
}
