import { Gauge, type Registry } from 'prom-client';
import type { PolicyStore } from './store';

/**
 * The policy version in force, on every exporter: with shards the others follow shard 0's, so each shard's
 * value reaching shard 0's says the policy (and the priority map it feeds) has arrived there.
 */
export function registerPolicyMetrics(registry: Registry, policy: Pick<PolicyStore, 'current'>): void {
  new Gauge({
    name: 'shadowfleet_policy_version',
    help: 'Version of the allocation policy in force (GET /v1/policy; on shards other than 0 the version last taken from shard 0)',
    registers: [registry],
    collect() {
      this.set(policy.current().version);
    },
  });
}
