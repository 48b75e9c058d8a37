import type express from 'express';
import type { AppContext } from '../routes';
import { PolicyPreviewer } from './preview';
import { policyRouter } from './router';

/**
 * The route module of the live policy (the store itself is built in the composition root, server.ts).
 * Previews replay the first pool's recent load as the resource manager has seen it.
 */
export function policyModule(ctx: AppContext): express.Router {
  const { config, policy, pools } = ctx;
  const [pool] = Object.keys(pools.pools);
  const previewer = new PolicyPreviewer(async () => {
    const h = ctx.shared.decisionHistory?.(pool);
    if (!h) return undefined;
    return { ...h, description: `pool ${pool}: the last ${h.values.length} steps of ${pools.complexityUnit} per ${config.decisionIntervalSeconds} s` };
  });
  return policyRouter(policy, previewer, config.noAuth ? undefined : config.authToken);
}
