import type { PoolModel, SimConfig } from '@shadowfleet/models';
import type { Config } from '../config';
import { PolicyPreviewer } from './preview';

/** A pool's load per step as the resource manager has seen it, with its simulator settings. */
export type DecisionHistory = (pool: string) => { readonly values: readonly number[]; readonly config: SimConfig } | undefined;

/** The previewer of POST /v1/policy/preview: it replays the first pool's recent load as the resource manager has seen it. */
export function policyPreviewer(deps: { readonly config: Pick<Config, 'decisionIntervalSeconds'>; readonly pools: PoolModel; readonly history: DecisionHistory }): PolicyPreviewer {
  const { config, pools } = deps;
  const [pool] = Object.keys(pools.pools);
  return new PolicyPreviewer(async () => {
    const h = deps.history(pool);
    if (!h) return undefined;
    return { ...h, description: `pool ${pool}: the last ${h.values.length} steps of ${pools.complexityUnit} per ${config.decisionIntervalSeconds} s` };
  });
}
