import type { Policy, PoolDefinition, SimConfig } from '@shadowfleet/models';

/**
 * The simulator settings of one pool at the manager's step (the decision interval): capacity per host in
 * complexity units per step, lead times in whole steps (rounded up: a host is never assumed ready early).
 */
export function simConfigFor(pool: PoolDefinition, stepSeconds: number, hostCapacity = pool.hostCapacity!): SimConfig {
  return {
    capacity: hostCapacity * stepSeconds,
    coldStart: Math.ceil(pool.coldStartSeconds / stepSeconds - 1e-9),
    shadowActivation: Math.ceil(pool.activationSeconds / stepSeconds - 1e-9),
    shadowCost: pool.standbyCost,
  };
}

/**
 * The policy as it applies to one pool at the manager's step: host bounds within the pool's own min and
 * max, cooldowns in whole steps (the strategy counts steps; the policy says minutes).
 */
export function policyForPool(policy: Policy, pool: PoolDefinition, stepSeconds: number): Policy {
  const minHosts = Math.min(pool.max, Math.max(policy.bounds.minHosts, pool.min));
  const maxHosts = Math.max(minHosts, Math.min(policy.bounds.maxHosts, pool.max), 1);
  const steps = (minutes: number): number => Math.ceil((minutes * 60) / stepSeconds - 1e-9);
  return {
    ...policy,
    bounds: { minHosts, maxHosts },
    cooldowns: { scaleUpMinutes: steps(policy.cooldowns.scaleUpMinutes), scaleDownMinutes: steps(policy.cooldowns.scaleDownMinutes) },
  };
}
