import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '@shadowfleet/service-kit';
import { loadConfig } from '../config';
import { startExporter, type RunningExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { IncomingEvent } from '../store/types';
import { plantedEvents } from './planted.test-helpers';

const TOKEN = 'profiles-test-token-0123456789';

const wire = (e: IncomingEvent): Record<string, unknown> => ({
  user_id: e.userId,
  session_id: e.sessionId,
  timestamp: e.timestamp,
  action: e.action,
  data_type: e.dataType,
  status: e.status,
  bytes: e.bytes,
});

describe('profiles over HTTP (real DuckDB store, rebuild in a worker thread)', () => {
  let dir: string;
  let ex: RunningExporter;
  const auth = { authorization: `Bearer ${TOKEN}` };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-profiles-http-'));
    const config = loadConfig({}, { port: 0, dataDir: dir, authToken: TOKEN, importSamples: false, profileRebuildMinutes: 0, profileKMax: 6 });
    ex = await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() });
    const body = plantedEvents(20).map((e) => JSON.stringify(wire(e))).join('\n');
    const r = await fetch(`${ex.url}/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', ...auth } });
    expect(r.status).toBe(201);
  });
  afterAll(async () => {
    await ex.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no model before the first rebuild', async () => {
    const r = await fetch(`${ex.url}/v1/profiles`);
    expect(await r.json()).toMatchObject({ built: false, profiles: [] });
    expect((await fetch(`${ex.url}/v1/users/night-1/profile`)).status).toBe(503);
  });

  it('needs the bearer token to rebuild', async () => {
    const r = await fetch(`${ex.url}/v1/profiles/rebuild`, { method: 'POST' });
    expect(r.status).toBe(401);
  });

  it('rebuilds on demand and lists the profiles with traits, silhouette and the DBSCAN summary', async () => {
    const r = await fetch(`${ex.url}/v1/profiles/rebuild`, { method: 'POST', headers: auth });
    expect(r.status).toBe(200);
    const rebuilt = (await r.json()) as { users: number; k: number; timings: Record<string, number> };
    expect(rebuilt).toMatchObject({ rebuilt: true, users: 60, k: 3 });
    expect(Object.keys(rebuilt.timings).sort()).toEqual(['aggregate', 'dbscan', 'features', 'kmeans', 'naming', 'save', 'standardize', 'total']);

    const list = (await (await fetch(`${ex.url}/v1/profiles`)).json()) as {
      silhouette: number;
      dbscan: { method: string };
      profiles: Array<{ id: string; name: string; size: number; traits: unknown[]; dbscan: { sampled: number } }>;
    };
    expect(list.silhouette).toBeGreaterThan(0.5);
    expect(list.dbscan.method).toContain('DBSCAN');
    expect(list.profiles.map((p) => p.name).sort()).toEqual(['error-prone', 'night owls', 'power users']);
    for (const p of list.profiles) {
      expect(p).toMatchObject({ size: 20, dbscan: { sampled: 20 } });
      expect(p.traits.length).toBeGreaterThan(0);
    }
  });

  it('answers a user profile, and 404 for an unknown user', async () => {
    const r = await fetch(`${ex.url}/v1/users/night-4/profile`);
    expect(await r.json()).toMatchObject({ userId: 'night-4', profileName: 'night owls', source: 'rebuild' });
    const unknown = await fetch(`${ex.url}/v1/users/nobody/profile`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'unknown_user' });
  });

  it('exports per-profile gauges, rebuild duration and silhouette, never a per-user label', async () => {
    const text = await (await fetch(`${ex.url}/metrics`)).text();
    const users = text.split('\n').filter((l) => l.startsWith('shadowfleet_profile_users{'));
    expect(users).toHaveLength(3);
    expect(users.some((l) => /profile="p\d+",name="night owls"} 20$/.test(l))).toBe(true);
    expect(text).toMatch(/^shadowfleet_profile_rebuild_duration_seconds \d/m);
    expect(text).toMatch(/^shadowfleet_profile_silhouette (0\.\d+|1)$/m);
    expect(text).toMatch(/^shadowfleet_profile_k_at_search_limit [01]$/m);
    expect(text).toMatch(/^shadowfleet_profile_rebuilds_total\{result="ok"\} 1$/m);
    expect(text).not.toMatch(/(search|shop|night)-\d+/);
  });
});
