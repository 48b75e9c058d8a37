import type { ComplexityUnit, FleetActions, ScalingDecision } from '@shadowfleet/models';
import type { ClassAllocation } from './classes';

/** Tier names, as operators read them. */
export const TIER_NAMES = { '1': 'reactive', '2': 'predictive', '3': 'shadow' } as const;
export type TierLabel = keyof typeof TIER_NAMES;

/** What the real fleet showed in the last step, when it is observed (HAProxy stats of the pool's backend). */
export interface FleetObservation {
  readonly serving: number;
  readonly standby: number;
  /** Busy share of the serving hosts (0–1), when the source knows it. */
  readonly utilisation?: number;
  readonly source: string;
}

/** One decision of the resource manager for one pool, with the numbers behind it (GET /v1/decisions). */
export interface PoolDecision {
  /** The step the decision is for (its start). */
  readonly at: string;
  /** When the manager published it (its gauges took it): the step's start + the decision offset + its own time to decide; later when a policy change made it decide again mid-step. */
  readonly decided_at: string;
  readonly pool: string;
  readonly step_seconds: number;
  readonly policy_version: number;
  readonly strategy: string;
  readonly desired: {
    /** Hosts the pool should have active (serving, booting or activating): what the rules send to the webhook. */
    readonly serving: number;
    /** Standby (shadow) hosts the manager wants ready. */
    readonly standby: number;
    /** The tier that set `serving`. */
    readonly tier: TierLabel;
    readonly tier_name: (typeof TIER_NAMES)[TierLabel];
    /** Each tier's own recommendation: 1 reactive serving, 2 predictive serving, 3 serving + shadow pool. */
    readonly by_tier: Readonly<Record<TierLabel, number>>;
  };
  /** What the manager did to its model of the fleet this step. */
  readonly actions: FleetActions;
  readonly load: { readonly unit: ComplexityUnit; readonly last_step: number; readonly history_steps: number };
  readonly forecast: {
    readonly value: number;
    readonly point: number;
    readonly quantile: number;
    readonly horizon_steps: number;
    readonly unit: string;
    /** The behaviour-aware forecast at the same horizon, per step, when the policy uses it. */
    readonly behaviour: number | null;
  } | null;
  readonly capacity: {
    /** Capacity per host in force, complexity units per second. */
    readonly per_host: number;
    readonly unit: string;
    readonly source: 'configured' | 'learned';
    readonly configured: number;
    readonly learned: number | null;
    readonly samples: number;
  };
  readonly fleet: {
    /** The manager's model of the fleet after this step (what it assumes the webhook applies). */
    readonly model: { readonly serving: number; readonly booting: number; readonly standby: number; readonly activating: number };
    readonly observed: FleetObservation | null;
  };
  readonly cooldowns: { readonly scale_up_steps: number; readonly scale_down_steps: number };
  /** One sentence per tier, with its numbers. */
  readonly explanation: readonly string[];
  /** Tier 2's forecast split by the pool's capacity classes (dedicated / best-effort profiles), when it declares them. */
  readonly capacity_classes?: ClassAllocation;
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1));

/** Each tier's recommendation from the manager's decision (hpa/predictive policies have none: every tier is the target). */
export function tierNumbers(d: ScalingDecision | undefined, serving: number): Record<TierLabel, number> {
  if (!d) return { '1': serving, '2': serving, '3': serving };
  const t1 = d.tiers[0].hosts;
  const t2 = Math.max(d.combined.servingNow, d.combined.servingAtColdStart);
  return { '1': t1, '2': t2, '3': t2 + d.combined.standby };
}

/** Which tier set the active target: a shadow activation under way is tier 3, hosts above tier 1 are tier 2. */
export function actingTier(actions: FleetActions, activating: number, serving: number, tier1: number): TierLabel {
  if ((actions.activate ?? 0) > 0 || activating > 0) return '3';
  return serving > tier1 ? '2' : '1';
}

/** The explanation lines, with the numbers that produced each. */
export function explain(d: ScalingDecision | undefined, unit: string, stepSeconds: number, strategy: string): string[] {
  if (!d) return [`strategy ${strategy}: hosts for the last step's load (the policy selects a baseline without tiers)`];
  const [t1, t2, t3] = d.tiers;
  const perSec = (v: number): string => `${fmt(v / stepSeconds)} ${unit}/s`;
  const lines = [
    `reactive: ${t1.hosts} host(s) for the last step's ${perSec(t1.numbers.requests ?? 0)} at ${fmt(t1.numbers.capacity_per_host / stepSeconds)} ${unit}/s per host`,
  ];
  if (t2.forecast) {
    const ext = t2.numbers.external_forecast;
    lines.push(
      `predictive: ${Math.max(d.combined.servingNow, d.combined.servingAtColdStart)} host(s) for ${perSec(t2.forecast.value)} expected ${t2.forecast.horizon} step(s) ahead ` +
        `(q${t2.forecast.quantile} of the volume forecast${ext !== undefined ? `, behaviour-aware ${perSec(ext)}` : ''})`,
    );
  }
  if (t3.forecast) {
    lines.push(`shadow: ${d.combined.standby} standby host(s) for the q${t3.forecast.quantile} surge of ${perSec(t3.forecast.value)} beyond the ${d.combined.servingAtColdStart} planned serving host(s)`);
  }
  return lines;
}
