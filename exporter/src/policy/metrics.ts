import { Gauge, type Registry } from 'prom-client';
import type { PolicyStore } from './store';

/**
 * The policy version in force and when it was made, on every exporter: with shards the others follow shard
 * 0's (version number and time taken whole), so each shard's pair reaching shard 0's says the policy (and the
 * priority map it feeds) has arrived there. The time tells apart two versions with one number (a wiped shard
 * 0 starts counting again) and says how long a shard has been behind (ShadowfleetShardPolicyBehind).
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
  new Gauge({
    name: 'shadowfleet_policy_timestamp_seconds',
    help: 'When the allocation policy version in force was made (Unix seconds; on shards other than 0 when shard 0 made the version last taken)',
    registers: [registry],
    collect() {
      this.set(Date.parse(policy.current().at) / 1000);
    },
  });
}
