import { allocateByProfile, type CapacityClassConfig, type ObservedMix, type PoolAllocation, type ProfileLoad, type ScalingDecision } from '@shadowfleet/models';

/** Traffic of users no profile covers (no profile model yet, or no mix observed) counts as this profile. */
export const UNPROFILED = '(unprofiled)';

/** The capacity classes part of GET /v1/decisions. */
export interface ClassAllocation {
  /** The classes as declared in the trend settings' `capacityClasses`. */
  readonly declared: CapacityClassConfig;
  /** Share of the requests per profile over the observed mix (sums to 1). */
  readonly shares: Readonly<Record<string, number>>;
  /** Hours of observed profile mix the shares come from (0: none, all traffic counted as UNPROFILED). */
  readonly mix_hours: number;
  /** One pool per class, sized from tier 2's forecast split by the shares. */
  readonly pools: readonly PoolAllocation[];
}

/** Requests per profile summed over the observed hours, as shares; empty when nothing was observed. */
export function profileShares(mix: readonly ObservedMix[] | undefined): Record<string, number> {
  const sums: Record<string, number> = {};
  let total = 0;
  for (const hour of mix ?? []) {
    for (const [profile, n] of Object.entries(hour.mix)) {
      if (!(n > 0)) continue;
      sums[profile] = (sums[profile] ?? 0) + n;
      total += n;
    }
  }
  const shares: Record<string, number> = {};
  for (const [profile, n] of Object.entries(sums)) shares[profile] = n / total;
  return shares;
}

/**
 * Splits the manager's latest decision into the declared capacity classes: tier 2's forecast (point and
 * upper quantile at the cold-start horizon) is shared out by each profile's part of the observed requests;
 * dedicated profiles get hosts for their upper forecast, best-effort ones share hosts for their point
 * forecast (models/src/allocation/capacity-classes.ts). Hosts per request come from tier 1's capacity model.
 */
export function allocateClasses(decision: ScalingDecision, declared: CapacityClassConfig, mix: readonly ObservedMix[] | undefined): ClassAllocation {
  const tier1 = decision.tiers.find((t) => t.tier === 1);
  const tier2 = decision.tiers.find((t) => t.tier === 2);
  const capacity = tier1?.numbers.capacity_per_host;
  if (!tier2?.forecast || !(capacity !== undefined && capacity > 0)) throw new Error('the decision has no tier 2 forecast or no capacity per host to size classes with');
  const { point, value } = tier2.forecast;
  let shares = profileShares(mix);
  if (Object.keys(shares).length === 0) shares = { [UNPROFILED]: 1 };
  const loads: ProfileLoad[] = Object.entries(shares).map(([profile, share]) => ({ profile, point: share * point, upper: share * Math.max(point, value) }));
  const hostsFor = (requestsPerMinute: number): number => Math.max(1, Math.ceil(requestsPerMinute / capacity - 1e-9));
  return { declared, shares, mix_hours: mix?.length ?? 0, pools: allocateByProfile(loads, declared, hostsFor) };
}
