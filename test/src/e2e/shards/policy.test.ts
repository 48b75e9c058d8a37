import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { priority } from '@shadowfleet/exporter';
import { showMap } from '@shadowfleet/haproxy-runtime';
import { shardOf, type Policy, type ProfileModel } from '@shadowfleet/models';
import { getJson, launchHaproxy, tempDir, waitFor, type LaunchedHaproxy } from '../../support/index';
import { siteEvents, type SiteEvent } from './events';
import { startShards, type RunningExporter } from './exporters';
import { profilesOnModel } from './profiles';

/**
 * One live policy for every shard (docs/scaling-out.md#the-live-policy): three exporter processes, each
 * writing the priority map of its own users into one real HAProxy. One PUT /v1/policy on shard 0 changes
 * all three maps; HAProxy then gives every user the queue class of its profile, whichever shard owns it.
 */
const TOKEN = 'shards-policy-e2e-token-0123456789';
const SHARDS = 3;
const USERS = 300;
const json = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

/** HAProxy with one map per shard, the lines the exporter gives for them (docs/priority.md#with-shards). */
function haproxyConfig(port: number, socket: string, maps: readonly string[]): string {
  return [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 5s',
    '  timeout server 5s',
    'frontend entry',
    `  bind 127.0.0.1:${port}`,
    ...priority.haproxyPriorityLines({ cookie: 'sf_uid' }, maps).map((l) => `  ${l}`),
    // Answers the class the request got, so the test reads what HAProxy decided.
    '  http-request return status 200 content-type text/plain lf-string "%[prio_class]"',
    '',
  ].join('\n');
}

describe('one PUT /v1/policy on shard 0 reaches every shard’s HAProxy priority map (real exporters and HAProxy)', () => {
  const events = siteEvents(Date.now(), USERS, 2);
  const parts: SiteEvent[][] = Array.from({ length: SHARDS }, () => []);
  for (const e of events) parts[shardOf(e.userId, SHARDS)].push(e);
  const dir = tempDir('shard-maps');
  const maps = Array.from({ length: SHARDS }, (_, i) => path.join(dir.path, `shard-${i}.map`));
  let haproxy: LaunchedHaproxy;
  let run: Awaited<ReturnType<typeof startShards>>;

  beforeAll(async () => {
    for (const m of maps) writeFileSync(m, '');
    haproxy = await launchHaproxy('shard-maps', (port, socket) => haproxyConfig(port, socket, maps));
    run = await startShards(TOKEN, parts, (i) => ({
      SHADOWFLEET_PRIORITY_MAP_FILE: maps[i],
      SHADOWFLEET_HAPROXY_STATS_SOCKET: haproxy.socketPath,
      SHADOWFLEET_SHARD_POLICY_POLL_SECONDS: '1',
    }));
  }, 180_000);
  afterAll(async () => {
    await run?.stop();
    await haproxy?.stop();
    dir.remove();
  });

  const classAtHaproxy = async (user: string): Promise<number> => Number(await (await fetch(haproxy.url, { headers: { cookie: `sf_uid=${user}` } })).text());
  const putPriorities = async (e: RunningExporter, priorities: Record<string, number>): Promise<Response> => {
    const { policy } = await getJson<{ policy: Policy }>(`${e.url}/v1/policy`);
    return fetch(`${e.url}/v1/policy`, { method: 'PUT', headers: json, body: JSON.stringify({ ...policy, profilePriorities: priorities }) });
  };
  /** Waits until every shard's map is at `version`, then checks HAProxy's maps and classes against each user's profile. */
  const expectMaps = async (version: number, classOf: (profileId: string) => number): Promise<void> => {
    for (const [i, shard] of run.shards.entries()) {
      const status = await waitFor(
        async () => {
          const s = await getJson<{ policyVersion: number | null; entries: number; lastError: string | null }>(`${shard.url}/v1/priority`);
          return s.policyVersion === version ? s : undefined;
        },
        { what: `shard ${i}'s priority map at policy version ${version}`, timeoutMs: 30_000, abortIf: shard.process.assertRunning },
      );
      expect(status.lastError).toBeNull();
      const entries = await showMap(haproxy.socketPath, maps[i]);
      const owned = [...new Set(parts[i].map((e) => e.userId))];
      expect(entries).toHaveLength(owned.length);
      for (const user of owned.slice(0, 15)) {
        const { profileId } = await getJson<{ profileId: string }>(`${shard.url}/v1/users/${user}/profile`);
        expect(entries.find((x) => x.key === user)?.value).toBe(String(classOf(profileId)));
        expect(await classAtHaproxy(user)).toBe(classOf(profileId));
      }
    }
  };

  it('followers take shard 0’s policy versions; HAProxy classes every user by it; a PUT on a follower is 409 naming shard 0', async () => {
    expect((await fetch(`${run.shards[0].url}/v1/profiles/rebuild`, { method: 'POST', headers: json })).status).toBe(200);
    await profilesOnModel(run.shards, run.shards[0]);
    const model = (await getJson<{ model: ProfileModel }>(`${run.shards[0].url}/v1/shard/profiles`, { headers: json })).model;
    const ids = model.profiles.map((p) => p.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);

    // The first profile is served first (priority 10 → class 0), the others last (0 → class 10).
    const first = await putPriorities(run.shards[0], Object.fromEntries(ids.map((id, k) => [id, k === 0 ? 10 : 0])));
    expect(first.status).toBe(200);
    const v1 = ((await first.json()) as { version: number }).version;
    await expectMaps(v1, (id) => (id === ids[0] ? 0 : 10));

    // Reversed on shard 0 alone: every shard's map follows.
    const second = await putPriorities(run.shards[0], Object.fromEntries(ids.map((id, k) => [id, k === 0 ? 0 : 10])));
    const v2 = ((await second.json()) as { version: number }).version;
    await expectMaps(v2, (id) => (id === ids[0] ? 10 : 0));
    expect(await classAtHaproxy('a-user-no-shard-has')).toBe(5);

    const refused = await putPriorities(run.shards[2], {});
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'not_the_owner', owner_url: run.shards[0].url, message: expect.stringContaining('owns the live policy') });
    const followed = await getJson<{ version: number; policyFrom: { url: string; ownerVersion: number } }>(`${run.shards[2].url}/v1/policy`);
    expect(followed).toMatchObject({ version: v2, policyFrom: { url: run.shards[0].url, ownerVersion: v2 } });
  }, 240_000);
});
