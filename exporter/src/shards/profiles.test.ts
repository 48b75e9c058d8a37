import { shardOf } from '@shadowfleet/models';
import { plantedEvents } from '../profiles/planted.test-helpers';
import type { RunningExporter } from '../server';
import { startShardsInProcess, type InProcessShards } from './in-process.test-helpers';

const TOKEN = 'shard-profiles-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

interface Profiles {
  built: boolean;
  users?: number;
  message?: string;
  modelFrom?: { url: string; ownerBuiltAt?: string; lastError?: string };
  profiles: Array<{ id: string; name: string; size: number }>;
}

describe('profiles with two shards: shard 0 owns the model, shard 1 assigns its users to it (real exporters and DuckDB)', () => {
  const events = plantedEvents(20);
  let run: InProcessShards;
  let shards: RunningExporter[];
  let urls: string[];

  beforeAll(async () => {
    run = await startShardsInProcess(2, TOKEN, { overrides: () => ({ profileKMax: 6, shardProfilePollSeconds: 3600 }), events: (i) => events.filter((e) => shardOf(e.userId, 2) === i) });
    ({ shards, urls } = run);
  });
  afterAll(() => run.close());

  const profiles = async (s: RunningExporter): Promise<Profiles> => (await fetch(`${s.url}/v1/profiles`)).json() as Promise<Profiles>;
  const metric = async (s: RunningExporter, name: string): Promise<string | undefined> => (await (await fetch(`${s.url}/metrics`)).text()).split('\n').find((l) => l.startsWith(`${name} `));

  it('before shard 0 has a model, shard 1 reports no profiles and says why (API and gauge)', async () => {
    const r = await fetch(`${shards[1].url}/v1/profiles/rebuild`, { method: 'POST', headers: auth });
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ error: 'no_model', message: expect.stringContaining('shard 0 has no profile model yet') });
    const p = await profiles(shards[1]);
    expect(p).toMatchObject({ built: false, profiles: [], modelFrom: { shard: 0, url: urls[0], lastError: expect.stringContaining('503') } });
    expect(p.message).toContain("uses shard 0's profile model");
    expect(await metric(shards[1], 'shadowfleet_profile_model_available')).toBe('shadowfleet_profile_model_available 0');
    expect((await fetch(`${shards[0].url}/v1/shard/profiles`, { headers: auth })).status).toBe(503);
  });

  it('after shard 0 builds, shard 1 takes its model: the same ids and names, its own users counted, each kind of user in the same profile on both', async () => {
    expect((await fetch(`${shards[0].url}/v1/shard/profiles`)).status).toBe(401);
    expect((await fetch(`${shards[0].url}/v1/profiles/rebuild`, { method: 'POST', headers: auth })).status).toBe(200);
    const first = await fetch(`${shards[0].url}/v1/shard/profiles`, { headers: auth });
    expect(first.status).toBe(200);
    const unchanged = await fetch(`${shards[0].url}/v1/shard/profiles`, { headers: { ...auth, 'if-none-match': first.headers.get('etag')! } });
    expect(unchanged.status).toBe(304);

    expect((await fetch(`${shards[1].url}/v1/profiles/rebuild`, { method: 'POST', headers: auth })).status).toBe(200);
    const [p0, p1] = [await profiles(shards[0]), await profiles(shards[1])];
    expect(p1.built).toBe(true);
    expect(p1.modelFrom).toEqual({ shard: 0, url: urls[0], ownerBuiltAt: (p0 as unknown as { builtAt: string }).builtAt });
    const ids = (p: Profiles): string[] => p.profiles.map((x) => `${x.id} ${x.name}`).sort();
    expect(ids(p1)).toEqual(ids(p0));
    const own = (i: number): number => new Set(events.filter((e) => shardOf(e.userId, 2) === i).map((e) => e.userId)).size;
    expect([p0.users, p1.users]).toEqual([own(0), own(1)]);
    expect(p0.profiles.reduce((s, x) => s + x.size, 0) + p1.profiles.reduce((s, x) => s + x.size, 0)).toBe(60);
    expect(await metric(shards[1], 'shadowfleet_profile_model_available')).toBe('shadowfleet_profile_model_available 1');

    // The planted kinds (search-, shop-, night-) land in one profile each, the same on both shards.
    const profileOf = async (s: RunningExporter, user: string): Promise<string> => ((await (await fetch(`${s.url}/v1/users/${user}/profile`)).json()) as { profileId: string }).profileId;
    for (const kind of ['search', 'shop', 'night']) {
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) seen.add(await profileOf(shards[shardOf(`${kind}-${i}`, 2)], `${kind}-${i}`));
      expect(seen.size).toBe(1);
    }
    const notOwner = await fetch(`${shards[1].url}/v1/shard/profiles`, { headers: auth });
    expect(notOwner.status).toBe(409);
  });
});
