import type { Config } from '../config';
import type { Started } from '../lifecycle';
import type { Logger } from '../logger';
import type { EffectivePolicy, PolicyStore } from '../policy/store';
import { intervalScheduler, type Scheduler } from '../profiles/service';
import { OwnerResource } from './owner-resource';
import { shardTopology } from './topology';

/** What GET /v1/shard/policy answers: shard 0's live policy, its version and history. */
export interface ShardPolicy {
  readonly shard: number;
  readonly policy: EffectivePolicy;
}

/**
 * Shard 0's live policy as a shard other than 0 sees it (If-None-Match: an unchanged policy costs a 304).
 * Its `status` is GET /v1/policy's `policyFrom`: `ownerVersion` is shard 0's version it last took.
 */
export const ownerPolicy = (url: string, token: string | undefined) =>
  new OwnerResource(url, '/v1/shard/policy', token, (body: ShardPolicy): EffectivePolicy => body.policy, (policy) => ({ ownerVersion: policy.version }));
export type OwnerPolicy = ReturnType<typeof ownerPolicy>;

/** The ETag of a policy version (its number and when it was made: a wiped shard 0 starts counting again). */
export const policyTag = (p: Pick<EffectivePolicy, 'version' | 'updatedAt'>): string => `"policy-${p.version}-${p.updatedAt}"`;

/**
 * Checks shard 0's live policy every `pollMs` (and on `check()`), and adopts each new version into this
 * shard's store, whose listeners (the priority map) then act on it. A shard 0 out of reach leaves the policy
 * this shard has (logged once per failure streak). stop() ends the checks and waits for a running one.
 */
export function followOwnerPolicy(store: Pick<PolicyStore, 'adopt'>, owner: OwnerPolicy, pollMs: number, scheduler: Scheduler, logger: Logger): { check(): Promise<void>; stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let failing = false;
  const check = (): Promise<void> =>
    (running ??= owner
      .check()
      .then(() => {
        const latest = owner.latest;
        if (latest && store.adopt(latest)) logger.info({ version: latest.version }, `took shard 0's policy version ${latest.version}`);
        failing = false;
      })
      .catch((err: Error) => {
        if (!failing) logger.warn({ err }, `shard 0's policy not checked; this shard keeps the version it has: ${err.message}`);
        failing = true;
      })
      .finally(() => void (running = undefined)));
  const cancel = scheduler(() => void check(), pollMs);
  return { check, stop: async () => (cancel(), await running) };
}

/**
 * On a shard other than 0: follows shard 0's live policy, at start and every config.shardPolicyPollSeconds.
 * Undefined without shards and on shard 0 (docs/scaling-out.md#the-live-policy).
 */
export function startPolicyFollower(deps: { readonly config: Config; readonly policy: PolicyStore; readonly logger: Logger }): Started<OwnerPolicy | undefined> {
  const { config } = deps;
  const shard = shardTopology(config);
  if (!shard || shard.decider) return { service: undefined, close: () => undefined };
  const logger = deps.logger.child({ component: 'policy' });
  if (config.policyFile !== undefined) logger.info({ policyFile: config.policyFile }, `SHADOWFLEET_POLICY_FILE is not read on shard ${shard.index}: it follows shard 0's policy`);
  const owner = ownerPolicy(shard.urls[0], config.noAuth ? undefined : config.authToken);
  const follow = followOwnerPolicy(deps.policy, owner, config.shardPolicyPollSeconds * 1000, intervalScheduler, logger);
  void follow.check();
  return { service: owner, close: follow.stop };
}
