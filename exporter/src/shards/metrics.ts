import { Gauge, type Registry } from 'prom-client';
import type { Config } from '../config';
import { shardTopology } from './topology';

/**
 * Which shard an exporter is, as Prometheus sees it: `shadowfleet_shard_info{shard, shards} 1` (absent
 * without shards), joined `on (job, instance)` to any series of that exporter, so a rule can pick shard 0's
 * series or name a lagging shard without a label on every series. And how often a shard other than 0 checks
 * shard 0's policy, so the lag alert waits a few checks (provisioning/prometheus/rules, docs/scaling-out.md).
 */
export function registerShardMetrics(registry: Registry, config: Pick<Config, 'shards' | 'shardIndex' | 'shardPolicyPollSeconds'>): void {
  const topology = shardTopology(config);
  const info = new Gauge({
    name: 'shadowfleet_shard_info',
    help: "This exporter's place among the shards: shard is its SHADOWFLEET_SHARD_INDEX, shards the number of shards (value 1; absent without shards)",
    labelNames: ['shard', 'shards'],
    registers: [registry],
  });
  if (topology) info.set({ shard: String(topology.index), shards: String(topology.urls.length) }, 1);
  const poll = new Gauge({
    name: 'shadowfleet_shard_policy_poll_interval_seconds',
    help: "Seconds between a shard's checks of shard 0's policy (SHADOWFLEET_SHARD_POLICY_POLL_SECONDS; shard 0 and a single exporter do not check)",
    registers: [registry],
  });
  poll.set(config.shardPolicyPollSeconds);
}
