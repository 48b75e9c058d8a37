import type { PoolModel, SimConfig } from '@shadowfleet/models';
import type { Config } from '../config';
import { runningActuationDelay } from '../sim/actuation-delay';
import { PolicyPreviewer } from './preview';

/** A pool's load per step as the resource manager has seen it, with its simulator settings. */
export type DecisionHistory = (pool: string) => { readonly values: readonly number[]; readonly config: SimConfig } | undefined;

/**
 * The previewer of POST /v1/policy/preview: it replays the first pool's recent load as the resource manager
 * has seen it, with the actuation delay of the path this exporter's decisions take (its decision interval,
 * the pool's cooldown, the shipped Prometheus and Alertmanager settings).
 */
export function policyPreviewer(deps: { readonly config: Pick<Config, 'decisionIntervalSeconds' | 'poolsFile'>; readonly pools: PoolModel; readonly history: DecisionHistory }): PolicyPreviewer {
  const { config, pools } = deps;
  const [pool] = Object.keys(pools.pools);
  const recent = async () => {
    const h = deps.history(pool);
    if (!h) return undefined;
    return { ...h, stepSeconds: config.decisionIntervalSeconds, description: `pool ${pool}: the last ${h.values.length} steps of ${pools.complexityUnit} per ${config.decisionIntervalSeconds} s` };
  };
  return new PolicyPreviewer(recent, (stepSeconds) => runningActuationDelay({ stepSeconds, cooldownSeconds: pools.pools[pool].cooldownSeconds, poolsFile: config.poolsFile }));
}
