import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Policy } from '@shadowfleet/models';
import { until } from '@shadowfleet/service-kit/testing';
import { POLICY_FILE } from '../policy/store';
import { startShardsInProcess, type InProcessShards } from './in-process.test-helpers';

const TOKEN = 'shard-policy-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const json = { ...auth, 'content-type': 'application/json' };

interface PolicyBody {
  version: number;
  updatedAt: string;
  policy: Policy;
  history: Array<{ version: number }>;
  policyFrom?: { shard: 0; url: string; ownerVersion?: number; lastError?: string };
}

describe('the live policy with two shards: shard 0 owns it, shard 1 follows it (real exporters and DuckDB)', () => {
  let run: InProcessShards;
  const get = async (i: number): Promise<PolicyBody> => (await fetch(`${run.urls[i]}/v1/policy`)).json() as Promise<PolicyBody>;
  const priorityVersion = async (i: number): Promise<number | null> => ((await (await fetch(`${run.urls[i]}/v1/priority`)).json()) as { policyVersion: number | null }).policyVersion;

  beforeAll(async () => {
    run = await startShardsInProcess(2, TOKEN, { overrides: (_i, dir) => ({ shardPolicyPollSeconds: 1, priorityMapFile: path.join(dir, 'priority.map') }) });
  });
  afterAll(() => run.close());

  it('shard 0 serves its policy behind the token, versioned by ETag; shard 1 does not serve one (one owner)', async () => {
    expect((await fetch(`${run.urls[0]}/v1/shard/policy`)).status).toBe(401);
    const first = await fetch(`${run.urls[0]}/v1/shard/policy`, { headers: auth });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ shard: 0, policy: { version: 1 } });
    expect((await fetch(`${run.urls[0]}/v1/shard/policy`, { headers: { ...auth, 'if-none-match': first.headers.get('etag')! } })).status).toBe(304);
    const other = await fetch(`${run.urls[1]}/v1/shard/policy`, { headers: auth });
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ error: 'not_the_owner', owner_url: run.urls[0] });
  });

  it('one PUT on shard 0 reaches shard 1: same version, policy and history, persisted, and its priority map is rewritten for it', async () => {
    const current = await get(0);
    const put = await fetch(`${run.urls[0]}/v1/policy`, { method: 'PUT', headers: json, body: JSON.stringify({ ...current.policy, profilePriorities: { p1: 9 } }) });
    expect(put.status).toBe(200);
    const { version } = (await put.json()) as PolicyBody;
    const followed = await until(`shard 1 on policy version ${version}`, async () => ((await get(1)).version === version ? get(1) : undefined), { tries: 200, intervalMs: 50 });
    const owner = await get(0);
    expect(followed.policy).toEqual(owner.policy);
    expect(followed.updatedAt).toBe(owner.updatedAt);
    expect(followed.history.map((h) => h.version)).toEqual(owner.history.map((h) => h.version));
    expect(followed.policyFrom).toEqual({ shard: 0, url: run.urls[0], ownerVersion: version });
    expect(owner.policyFrom).toBeUndefined();
    // Kept on disk: a restarted shard 1 starts from the policy it last took.
    const saved = JSON.parse(readFileSync(path.join(run.dirs[1], POLICY_FILE), 'utf8')) as { versions: Array<{ version: number; policy: Policy }> };
    expect(saved.versions.at(-1)).toMatchObject({ version, policy: { profilePriorities: { p1: 9 } } });
    await until(`shard 1's priority map at version ${version}`, async () => ((await priorityVersion(1)) === version ? true : undefined), { tries: 200, intervalMs: 50 });
    expect(readFileSync(path.join(run.dirs[1], 'priority.map'), 'utf8')).toContain(`# Policy version ${version};`);
    const metrics = await (await fetch(`${run.urls[1]}/metrics`)).text();
    expect(metrics).toContain(`shadowfleet_policy_version ${version}`);
    expect(metrics).toContain(`shadowfleet_priority_map_policy_version ${version}`);
    // What ShadowfleetShardPolicyBehind compares: each scrape target's shard, and the version's time taken whole from shard 0.
    const owner0 = await (await fetch(`${run.urls[0]}/metrics`)).text();
    expect(owner0).toContain('shadowfleet_shard_info{shard="0",shards="2"} 1');
    expect(metrics).toContain('shadowfleet_shard_info{shard="1",shards="2"} 1');
    expect(metrics).toContain('shadowfleet_shard_policy_poll_interval_seconds 1');
    const made = `shadowfleet_policy_timestamp_seconds ${Date.parse(owner.updatedAt) / 1000}\n`;
    expect(owner0).toContain(made);
    expect(metrics).toContain(made);
  });

  it('shard 1 refuses changes with 409 naming shard 0 (after the token check), and keeps shard 0’s policy', async () => {
    const before = await get(1);
    const body = JSON.stringify(before.policy);
    expect((await fetch(`${run.urls[1]}/v1/policy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    for (const [method, route, payload] of [
      ['PUT', '/v1/policy', body],
      ['POST', '/v1/policy/rollback', JSON.stringify({ version: 1 })],
      ['POST', '/v1/policy/preview', body],
    ] as const) {
      const res = await fetch(`${run.urls[1]}${route}`, { method, headers: json, body: payload });
      expect(res.status).toBe(409);
      const answer = (await res.json()) as { error: string; message: string; owner_url: string };
      expect(answer).toMatchObject({ error: 'not_the_owner', owner_url: run.urls[0] });
      expect(answer.message).toContain(`shard 0 (${run.urls[0]}) owns the live policy; this is shard 1`);
    }
    expect((await get(1)).version).toBe(before.version);
  });

  it('a rollback on shard 0 is followed too; with shard 0 gone, shard 1 keeps what it has and says why', async () => {
    const rolled = await fetch(`${run.urls[0]}/v1/policy/rollback`, { method: 'POST', headers: json, body: JSON.stringify({ version: 1 }) });
    expect(rolled.status).toBe(200);
    const { version } = (await rolled.json()) as PolicyBody;
    const followed = await until(`shard 1 on version ${version}`, async () => ((await get(1)).version === version ? get(1) : undefined), { tries: 200, intervalMs: 50 });
    expect(followed.policy.profilePriorities).toEqual({});
    await run.shards[0].close();
    const stale = await until('shard 1 noticing shard 0 is gone', async () => ((await get(1)).policyFrom?.lastError !== undefined ? get(1) : undefined), { tries: 200, intervalMs: 50 });
    expect(stale.version).toBe(version);
    expect(stale.policyFrom?.lastError).toContain('fetch failed');
  });
});
