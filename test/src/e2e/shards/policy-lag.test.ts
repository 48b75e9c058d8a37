import type { Policy } from '@shadowfleet/models';
import { getJson, startPrometheus, tempDir, waitFor, type PromAlert, type RunningPrometheus } from '../../support/index';
import { writeTestRules } from '../provisioned-config';
import { siteEvents } from './events';
import { startShards } from './exporters';

/**
 * ShadowfleetShardPolicyBehind on the real chain: three exporter processes scraped by a real Prometheus with
 * the shipped rules (only `for:` shortened to 2 s, as the other e2e tests shorten windows). Shard 2 has
 * another token, so shard 0 refuses its checks (401) — a shard that cannot take shard 0's policy. Shard 1
 * follows. The alert must fire for shard 2 alone, and the runbook's first step must show why.
 */
const TOKEN = 'shards-policy-lag-token-0123456789';
const OTHER_TOKEN = 'not-the-shards-token-0123456789';
const json = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

describe('ShadowfleetShardPolicyBehind (real exporters and Prometheus, shipped rules)', () => {
  const dir = tempDir('policy-lag-rules');
  let run: Awaited<ReturnType<typeof startShards>>;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    const parts = [siteEvents(Date.now(), 30, 1, 1), siteEvents(Date.now(), 30, 1, 2), siteEvents(Date.now(), 30, 1, 3)];
    run = await startShards(TOKEN, parts, (i) => ({ SHADOWFLEET_SHARD_POLICY_POLL_SECONDS: '1', ...(i === 2 ? { SHADOWFLEET_AUTH_TOKEN: OTHER_TOKEN } : {}) }));
    prometheus = await startPrometheus({
      scrape: [{ job: 'shadowfleet-exporter', targets: run.shards.map((e) => `127.0.0.1:${e.port}`) }],
      ruleFiles: writeTestRules(dir.path, { activationFor: '2s', keepFiringFor: '0s', groupWait: '1s', groupInterval: '1s' }),
      scrapeInterval: '1s',
      evaluationInterval: '1s',
    });
  }, 240_000);
  afterAll(async () => {
    await prometheus?.stop();
    await run?.stop();
    dir.remove();
  });

  it('fires for the shard that cannot take shard 0’s policy, never for the one that follows, and names the shard', async () => {
    // A new version on shard 0; shard 1 takes it within its checks.
    const { policy } = await getJson<{ policy: Policy }>(`${run.shards[0].url}/v1/policy`);
    const put = await fetch(`${run.shards[0].url}/v1/policy`, { method: 'PUT', headers: json, body: JSON.stringify({ ...policy, profilePriorities: { p1: 5 } }) });
    expect(put.status).toBe(200);
    const { version } = (await put.json()) as { version: number };

    const seen = new Set<string>();
    const firing = await waitFor(
      async () => {
        const alerts = (await prometheus.alerts()).filter((a) => a.labels.alertname === 'ShadowfleetShardPolicyBehind');
        for (const a of alerts) seen.add(a.labels.shard);
        return alerts.find((a: PromAlert) => a.state === 'firing');
      },
      // Three 1-second checks and the rule's minute for scrapes after shard 0 made the version, then `for`.
      { what: 'ShadowfleetShardPolicyBehind firing', timeoutMs: 150_000, intervalMs: 1000 },
    );
    expect(firing.labels).toMatchObject({ shard: '2', instance: `127.0.0.1:${run.shards[2].port}`, severity: 'warning' });
    expect(firing.annotations.summary).toContain('shard 2');
    expect([...seen]).toEqual(['2']);

    // Shard 1 holds shard 0's version, made at the same time; the recording rule found shard 0 by its shard_info.
    const stamps = await prometheus.query('shadowfleet_policy_timestamp_seconds');
    const at = (i: number): number | undefined => stamps.find((s) => s.metric.instance === `127.0.0.1:${run.shards[i].port}`)?.value;
    expect(at(1)).toBe(at(0));
    expect(at(2)).not.toBe(at(0));
    expect((await prometheus.query('shadowfleet:shard_owner_policy_timestamp_seconds'))[0]?.value).toBe(at(0));
    expect((await getJson<{ version: number }>(`${run.shards[1].url}/v1/policy`)).version).toBe(version);

    // The runbook's first step: GET /v1/policy on that shard says why.
    const lagging = await getJson<{ version: number; policyFrom: { lastError?: string } }>(`${run.shards[2].url}/v1/policy`);
    expect(lagging.version).not.toBe(version);
    expect(lagging.policyFrom.lastError).toContain('401');
  }, 200_000);
});
