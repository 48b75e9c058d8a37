import { Registry } from 'prom-client';
import { registerShardMetrics } from './metrics';

const scrape = async (config: Parameters<typeof registerShardMetrics>[1]): Promise<string> => {
  const registry = new Registry();
  registerShardMetrics(registry, config);
  return registry.metrics();
};

describe('shard metrics (what ShadowfleetShardPolicyBehind joins on)', () => {
  it('names the shard and the number of shards, and the poll interval', async () => {
    const text = await scrape({ shards: ['http://a', 'http://b', 'http://c'], shardIndex: 2, shardPolicyPollSeconds: 7 });
    expect(text).toContain('shadowfleet_shard_info{shard="2",shards="3"} 1\n');
    expect(text).toContain('shadowfleet_shard_policy_poll_interval_seconds 7\n');
  });

  it('publishes no shard_info sample without shards, so a stand-alone exporter is never taken for a shard', async () => {
    const text = await scrape({ shards: [], shardIndex: undefined, shardPolicyPollSeconds: 5 });
    expect(text).toContain('# HELP shadowfleet_shard_info');
    expect(text).not.toMatch(/^shadowfleet_shard_info/m);
  });
});
