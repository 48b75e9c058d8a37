import { ResourceManager } from '../allocation/manager';
import { DEFAULT_POLICY } from '../policy/schema';
import type { SimConfig } from '../sim/types';
import type { TieredOptions } from '../sim/strategies/tiered';

/**
 * One setting of the tiered strategy's tunable parameters (an arm of the bandit):
 * - headroom: `targetUtilisation` (1 = size hosts for full capacity, 0.9 = 11 % headroom);
 * - activation threshold: `servingQuantile`, the forecast quantile tiers 1–2 keep serving (and so
 *   activate standby hosts) for;
 * - standby size: `surgeQuantile`, the forecast quantile tier 3 keeps standby hosts for.
 */
export interface TuningArm {
  readonly targetUtilisation: number;
  readonly servingQuantile: number;
  readonly surgeQuantile: number;
}

/** Limits the tuner can never cross, whatever the measurements say. */
export interface GuardRails {
  /** Never fewer serving hosts than this (passed to the manager); default 1. */
  readonly minHosts?: number;
  /** Lowest serving quantile allowed; default 0.95. */
  readonly minServingQuantile?: number;
  /** Lowest surge (standby) quantile allowed; default 0.97. */
  readonly minSurgeQuantile?: number;
  /** Highest target utilisation allowed (least headroom); default 1. */
  readonly maxTargetUtilisation?: number;
}

export type ResolvedGuardRails = Required<GuardRails>;

/** Checks guard rails and fills defaults, naming the field and the problem. */
export function resolveGuardRails(g: GuardRails = {}): ResolvedGuardRails {
  const r: ResolvedGuardRails = { minHosts: 1, minServingQuantile: 0.95, minSurgeQuantile: 0.97, maxTargetUtilisation: 1, ...g };
  if (!(Number.isInteger(r.minHosts) && r.minHosts >= 0)) throw new RangeError(`guard rail minHosts must be a whole number ≥ 0, got ${r.minHosts}`);
  if (!(r.minServingQuantile > 0 && r.minServingQuantile < 1)) {
    throw new RangeError(`guard rail minServingQuantile must be in (0, 1), got ${r.minServingQuantile}`);
  }
  if (!(r.minSurgeQuantile > 0 && r.minSurgeQuantile < 1)) throw new RangeError(`guard rail minSurgeQuantile must be in (0, 1), got ${r.minSurgeQuantile}`);
  if (!(r.maxTargetUtilisation > 0 && r.maxTargetUtilisation <= 1)) {
    throw new RangeError(`guard rail maxTargetUtilisation must be in (0, 1], got ${r.maxTargetUtilisation}`);
  }
  return r;
}

/** Checks one arm: quantiles in (0, 1), utilisation in (0, 1]. */
export function validateArm(a: TuningArm, index = 0): TuningArm {
  const where = `arm ${index}`;
  if (!(a.servingQuantile > 0 && a.servingQuantile < 1)) throw new RangeError(`${where}: servingQuantile must be in (0, 1), got ${a.servingQuantile}`);
  if (!(a.surgeQuantile > 0 && a.surgeQuantile < 1)) throw new RangeError(`${where}: surgeQuantile must be in (0, 1), got ${a.surgeQuantile}`);
  if (!(a.targetUtilisation > 0 && a.targetUtilisation <= 1)) {
    throw new RangeError(`${where}: targetUtilisation must be in (0, 1], got ${a.targetUtilisation}`);
  }
  return a;
}

/** The arm moved inside the guard rails: quantiles raised to the minimums, utilisation capped, surge ≥ serving. */
export function applyGuardRails(a: TuningArm, rails: ResolvedGuardRails): TuningArm {
  const servingQuantile = Math.max(a.servingQuantile, rails.minServingQuantile);
  return {
    servingQuantile,
    surgeQuantile: Math.max(a.surgeQuantile, rails.minSurgeQuantile, servingQuantile),
    targetUtilisation: Math.min(a.targetUtilisation, rails.maxTargetUtilisation),
  };
}

/** Manager options of an arm (what `tieredStrategy` takes), with the guard rails' minimum host count. */
export function armOptions(a: TuningArm, rails: ResolvedGuardRails, base: TieredOptions = {}): TieredOptions {
  return { ...base, ...a, minHosts: Math.max(base.minHosts ?? 1, rails.minHosts) };
}

/** Short label of an arm, e.g. `u1.00 q0.980 s0.990`. */
export function armLabel(a: TuningArm): string {
  return `u${a.targetUtilisation.toFixed(2)} q${a.servingQuantile.toFixed(3)} s${a.surgeQuantile.toFixed(3)}`;
}

/** Every combination of the given values (surge below serving is dropped), in a stable order. */
export function armGrid(values: { targetUtilisation: readonly number[]; servingQuantile: readonly number[]; surgeQuantile: readonly number[] }): TuningArm[] {
  const arms: TuningArm[] = [];
  for (const targetUtilisation of values.targetUtilisation) {
    for (const servingQuantile of values.servingQuantile) {
      for (const surgeQuantile of values.surgeQuantile) {
        if (surgeQuantile >= servingQuantile) arms.push({ targetUtilisation, servingQuantile, surgeQuantile });
      }
    }
  }
  return arms;
}

/** A quantile `d` away from `q`, to 3 decimals (0.98 − 0.015 is 0.965, not 0.9650000000000001). */
const step = (q: number, d: number): number => Math.round((q + d) * 1000) / 1000;

/** The policy's default settings as an arm (DEFAULT_POLICY.targets): the centre of DEFAULT_ARMS. */
export const DEFAULT_POLICY_ARM: TuningArm = {
  targetUtilisation: DEFAULT_POLICY.targets.utilisation,
  servingQuantile: DEFAULT_POLICY.targets.servingQuantile,
  surgeQuantile: DEFAULT_POLICY.targets.surgeQuantile,
};

/**
 * Default grid, centred on the policy's defaults (read from DEFAULT_POLICY, so it follows them):
 * serving quantile q − 0.015, q, q + 0.015 and surge quantile s, s + 0.008, 5 arms (surge ≥ serving).
 * With q 0.98, s 0.99: q 0.965 / 0.98 / 0.995, s 0.99 / 0.998.
 */
export const DEFAULT_ARMS: readonly TuningArm[] = armGrid({
  targetUtilisation: [DEFAULT_POLICY_ARM.targetUtilisation],
  servingQuantile: [-0.015, 0, 0.015].map((d) => step(DEFAULT_POLICY_ARM.servingQuantile, d)),
  surgeQuantile: [0, 0.008].map((d) => step(DEFAULT_POLICY_ARM.surgeQuantile, d)),
});

/** A fresh resource manager for the simulator's fleet, with one arm's settings inside the guard rails. */
export function managerForArm(a: TuningArm, rails: ResolvedGuardRails, config: SimConfig, base: TieredOptions = {}): ResourceManager {
  return new ResourceManager({
    capacityPerHost: config.capacity,
    coldStartMinutes: config.coldStart,
    activationMinutes: config.shadowActivation,
    standbyCost: config.shadowCost,
    ...armOptions(a, rails, base),
  });
}
