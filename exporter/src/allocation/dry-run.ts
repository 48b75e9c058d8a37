import {
  defaultCapacity,
  simulate,
  tieredStrategy,
  type CapacityClassConfig,
  type FleetActions,
  type ObservedMix,
  type ScalingDecision,
  type ShadowFleetPlan,
} from '@shadowfleet/models';
import { allocateClasses, type ClassAllocation } from './classes';
import { planStandbySource, tier3Standby, type Tier3Sizing, type Tier3Standby } from './plan-standby';

/** What the dry run needs besides the traffic. Times in minutes. */
export interface DryRunSettings {
  /** Requests per minute per host; default: the history's peak minute needs 100 hosts. */
  readonly capacityPerHost?: number;
  readonly coldStartMinutes: number;
  readonly activationMinutes: number;
  readonly standbyCost: number;
  /** The webhook pool the recommendations are for (its `pool` label). */
  readonly pool: string;
  /** Capacity classes per profile (trend settings `capacityClasses`); when set, the decisions size one pool per class. */
  readonly capacityClasses?: CapacityClassConfig;
  /** `plan`: tier 3 keeps the trend plan's standby hosts, `plan-net`: its upper-bound hosts − the serving pool (self-sized where the plan does not reach); default `self`. */
  readonly tier3Sizing?: Tier3Sizing;
}

/** One row of GET /v1/decisions: a tier's recommendation or an action the dry run took, with why. */
export interface DecisionRow {
  readonly at: string;
  readonly tier: 1 | 2 | 3;
  readonly pool: string;
  readonly action: string;
  readonly hosts: number;
  readonly explanation: string;
}

/** The body of GET /v1/decisions. */
export interface DryRun {
  readonly mode: 'dry-run';
  /** The minute the latest decision is for. */
  readonly at: string;
  readonly pool: string;
  readonly history_minutes: number;
  readonly capacity_per_host: number;
  /** The simulated fleet the dry run keeps (nothing real is changed). */
  readonly fleet: { readonly serving: number; readonly booting: number; readonly standby: number; readonly activating: number };
  /** Latest recommendations per tier first, then the dry run's actions of the last hour, newest first. */
  readonly decisions: readonly DecisionRow[];
  readonly latest: ScalingDecision;
  /** Tier 3 both ways: the pool acted on, the self-sized one and the trend plan's. */
  readonly tier3_standby: Tier3Standby;
  /** The latest decision split into the declared capacity classes (only when classes are declared). */
  readonly capacity_classes?: ClassAllocation;
}

/** Minutes of past actions listed in the decisions. */
export const RECENT_ACTION_MINUTES = 60;

const ACTION_TIER: Record<keyof FleetActions, { tier: 1 | 2 | 3; verb: string }> = {
  launch: { tier: 2, verb: 'launch cold hosts' },
  cancelBooting: { tier: 2, verb: 'cancel booting hosts' },
  removeServing: { tier: 2, verb: 'remove serving hosts' },
  toStandby: { tier: 2, verb: 'return serving hosts to standby' },
  activate: { tier: 3, verb: 'activate standby hosts' },
  launchShadow: { tier: 3, verb: 'warm shadow hosts' },
  cancelShadowBooting: { tier: 3, verb: 'cancel warming shadow hosts' },
  removeStandby: { tier: 3, verb: 'remove standby hosts' },
};

/**
 * Forecast-only mode: replays the per-minute request history through the simulator with the resource
 * manager (strategy `tiered`) and returns its decision for the coming minute, which sees r_0 … r_{T-1}
 * only, with every tier's explanation. The fleet is the simulated one; nothing real is acted on. With
 * capacity classes declared, the decision is also split into one pool per class by the observed profile
 * `mix` (requests per profile per hour), listed after the tiers. With the trend refresher's `plan`, tier 3
 * keeps the plan's standby hosts when `tier3Sizing` is `plan`; either way both numbers are reported.
 */
export function dryRun(requests: readonly number[], startMs: number, s: DryRunSettings, mix?: readonly ObservedMix[], plan?: ShadowFleetPlan): DryRun {
  if (requests.length === 0) throw new RangeError('the dry run needs at least one minute of traffic');
  const T = requests.length;
  const capacity = s.capacityPerHost ?? defaultCapacity(requests);
  const decisions: Array<{ t: number; decision: ScalingDecision }> = [];
  // Minute T (the coming one) gets a placeholder so the simulator decides for it; no strategy reads it.
  const run = simulate(
    [...requests, 0],
    tieredStrategy(s.tier3Sizing && s.tier3Sizing !== 'self' && plan ? { standbyPlan: planStandbySource(plan, startMs, s.tier3Sizing) } : {}, (t, decision) => {
      if (t >= T - RECENT_ACTION_MINUTES) decisions.push({ t, decision });
    }),
    { capacity, coldStart: s.coldStartMinutes, shadowActivation: s.activationMinutes, shadowCost: s.standbyCost },
    { timeline: true },
  );
  const iso = (t: number): string => new Date(startMs + t * 60_000).toISOString();
  const last = decisions[decisions.length - 1];
  const rows: DecisionRow[] = last.decision.tiers.map((tier) => ({
    at: iso(last.t),
    tier: tier.tier,
    pool: s.pool,
    action: tier.pool === 'standby' ? 'recommend standby hosts' : 'recommend serving hosts',
    hosts: tier.hosts,
    explanation: tier.reason,
  }));
  const { standby: tier3, others } = tier3Standby(last.decision, plan, { atMs: startMs + last.t * 60_000, coldStartMinutes: s.coldStartMinutes, capacityPerHost: capacity });
  for (const o of others) rows.push({ at: iso(last.t), tier: 3, pool: s.pool, ...o });
  const classes = s.capacityClasses ? allocateClasses(last.decision, s.capacityClasses, mix) : undefined;
  for (const p of classes?.pools ?? []) {
    const members = p.profiles.length > 0 ? p.profiles.join(', ') : 'no profile';
    rows.push({ at: iso(last.t), tier: 2, pool: s.pool, action: `recommend ${p.pool} hosts`, hosts: p.hosts, explanation: `${p.reason} (${members})` });
  }
  for (const { t, decision } of [...decisions].reverse()) {
    for (const [key, n] of Object.entries(decision.actions) as Array<[keyof FleetActions, number | undefined]>) {
      if (!n) continue;
      const { tier, verb } = ACTION_TIER[key];
      const why = decision.tiers.find((x) => x.tier === tier)?.reason ?? decision.combined.rule;
      rows.push({ at: iso(t), tier, pool: s.pool, action: verb, hosts: n, explanation: why });
    }
  }
  const end = run.timeline![T];
  return {
    mode: 'dry-run',
    at: iso(last.t),
    pool: s.pool,
    history_minutes: T,
    capacity_per_host: capacity,
    fleet: { serving: end.serving, booting: end.booting, standby: end.standby, activating: end.activating },
    decisions: rows,
    latest: last.decision,
    tier3_standby: tier3,
    ...(classes ? { capacity_classes: classes } : {}),
  };
}
