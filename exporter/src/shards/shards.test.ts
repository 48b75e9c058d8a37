import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '@shadowfleet/service-kit';
import { shardOf } from '@shadowfleet/models';
import { freePort } from '@shadowfleet/service-kit/testing';
import { loadConfig } from '../config';
import { startExporter, type RunningExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';
import { summedLoad } from './peers';
import { shardTopology } from './topology';

const TOKEN = 'shard-unit-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

describe('shard configuration', () => {
  const env = (vars: Record<string, string>) => () => loadConfig(vars);
  it.each([
    ['a list without an index', { SHADOWFLEET_SHARDS: 'http://a:9464,http://b:9464' }, "shardIndex (SHADOWFLEET_SHARD_INDEX): must be set to this exporter's index in shards (0 … 1), got nothing"],
    ['an index past the list', { SHADOWFLEET_SHARDS: 'http://a:9464,http://b:9464', SHADOWFLEET_SHARD_INDEX: '2' }, 'got 2'],
    ['an index without a list', { SHADOWFLEET_SHARD_INDEX: '0' }, "shards (SHADOWFLEET_SHARDS): must list every shard's base URL when shardIndex is set"],
    ['an address that is not http(s)', { SHADOWFLEET_SHARDS: 'http://a:9464,exporter-1', SHADOWFLEET_SHARD_INDEX: '0' }, 'must be a comma-separated list of http(s) base URLs, got "exporter-1"'],
  ])('refuses %s, naming the variable', (_name, vars, message) => {
    expect(env(vars)).toThrow(message);
  });

  it('without shards this exporter owns every user; with them, shard 0 decides', () => {
    expect(shardTopology(loadConfig({}))).toBeUndefined();
    const t = shardTopology(loadConfig({ SHADOWFLEET_SHARDS: 'http://a:1, http://b:2', SHADOWFLEET_SHARD_INDEX: '1' }))!;
    expect({ index: t.index, urls: t.urls, decider: t.decider }).toEqual({ index: 1, urls: ['http://a:1', 'http://b:2'], decider: false });
    expect(t.owner('user-42')).toBe(shardOf('user-42', 2));
  });
});

describe('two exporter shards in one process', () => {
  const dirs: string[] = [];
  const shards: RunningExporter[] = [];
  let urls: string[];
  const STEP_MS = 60_000;
  const t0 = Math.floor(Date.now() / STEP_MS) * STEP_MS - 10 * STEP_MS;
  // Users owned by each shard.
  const users = Array.from({ length: 40 }, (_, i) => `u${i}`);
  const owned = [users.filter((u) => shardOf(u, 2) === 0), users.filter((u) => shardOf(u, 2) === 1)];
  const post = (i: number, body: unknown[]) => fetch(`${urls[i]}/v1/events`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const event = (user: string, minute: number) => ({ user_id: user, timestamp: t0 + minute * STEP_MS + 1000, action: 'view', bytes: 2048 });

  beforeAll(async () => {
    const ports = [await freePort(), await freePort()];
    urls = ports.map((p) => `http://127.0.0.1:${p}`);
    for (const [i, port] of ports.entries()) {
      const dir = mkdtempSync(path.join(os.tmpdir(), `shard-${i}-`));
      dirs.push(dir);
      const config = loadConfig({}, { dataDir: dir, port, authToken: TOKEN, importSamples: false, retrainMinutes: 0, profileRebuildMinutes: 0, shards: urls.join(','), shardIndex: i });
      shards.push(await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() }));
    }
    expect((await post(0, [event(owned[0][0], 1), event(owned[0][1], 1), event(owned[0][0], 2)])).status).toBe(201);
    expect((await post(1, [event(owned[1][0], 1), event(owned[1][0], 3)])).status).toBe(201);
  });
  afterAll(async () => {
    for (const s of shards) await s.close().catch(() => undefined);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a batch with another shard’s user (409 wrong_shard) and stores none of it', async () => {
    const res = await post(0, [event(owned[0][2], 4), event(owned[1][1], 4)]);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'wrong_shard', shard: 0, owner: 1, owner_url: urls[1], message: expect.stringContaining(`event 1: user "${owned[1][1]}" belongs to shard 1`) });
    const users = await fetch(`${urls[0]}/v1/users`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify([{ user_id: owned[1][0], attributes: {} }]) });
    expect(users.status).toBe(409);
  });

  it('serves its load per step to peers behind the token, with errors naming the field', async () => {
    const q = `from_ms=${t0}&to_ms=${t0 + 5 * STEP_MS}&step_ms=${STEP_MS}&unit=kib`;
    expect((await fetch(`${urls[1]}/v1/shard/load?${q}`)).status).toBe(401);
    expect(await (await fetch(`${urls[1]}/v1/shard/load?${q}`, { headers: auth })).json()).toEqual({ shard: 1, values: [0, 2, 0, 2, 0] });
    const bad = await fetch(`${urls[1]}/v1/shard/load?from_ms=yesterday&to_ms=1&step_ms=60000&unit=kib`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('from_ms must be a whole number of epoch milliseconds >= 0, got "yesterday"');
    const unit = await fetch(`${urls[1]}/v1/shard/load?${q.replace('unit=kib', 'unit=requests')}`, { headers: auth });
    expect(unit.status).toBe(409);
    // One pool's load (its serves selector, resolved in this shard's pool model): the only pool has every event.
    expect(await (await fetch(`${urls[1]}/v1/shard/load?${q}&pool=web`, { headers: auth })).json()).toEqual({ shard: 1, values: [0, 2, 0, 2, 0] });
    const pool = await fetch(`${urls[1]}/v1/shard/load?${q}&pool=search`, { headers: auth });
    expect(pool.status).toBe(400);
    expect(((await pool.json()) as { message: string }).message).toBe('pool must be a pool of this shard\'s pool model (web), got "search"');
  });

  it('shard 0 adds the peers’ load per step to its own, and fails when a peer does not answer (never decides on part of the load)', async () => {
    const t = shardTopology({ shards: urls, shardIndex: 0 })!;
    const asked: Array<string | undefined> = [];
    const own = async (_q: unknown, pool?: string) => (asked.push(pool), [0, 4, 2, 0, 0]);
    const load = summedLoad(t, TOKEN, own);
    const q = { fromMs: t0, toMs: t0 + 5 * STEP_MS, stepMs: STEP_MS, unit: 'kib' as const };
    expect(await load(q)).toEqual([0, 6, 2, 2, 0]);
    expect(await load(q, 'web')).toEqual([0, 6, 2, 2, 0]);
    expect(asked).toEqual([undefined, 'web']);
    await shards[1].close();
    await expect(load(q)).rejects.toThrow(/fetch failed|ECONNREFUSED/);
  });

  it('only shard 0 decides', async () => {
    expect((await fetch(`${urls[0]}/v1/decisions`)).status).toBe(200);
    expect(await (await fetch(`${urls[0]}/v1/shard`)).json()).toMatchObject({ shard: 0, shards: 2, decider: true });
  });
});
