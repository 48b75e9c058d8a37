import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '@shadowfleet/service-kit';
import { DEFAULT_POLICY, type Policy } from '@shadowfleet/models';
import { loadConfig } from '../config';
import { startExporter, type RunningExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { PoolDecision } from './decision';

const TOKEN = 'live-policy-test-token-0123456789';

describe('the live policy drives the next decision (a running exporter)', () => {
  let dir: string;
  let ex: RunningExporter;
  const decisions = async (): Promise<{ policy_version: number; latest: PoolDecision[]; decisions: PoolDecision[] }> =>
    (await (await fetch(`${ex.url}/v1/decisions`)).json()) as { policy_version: number; latest: PoolDecision[]; decisions: PoolDecision[] };
  const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (let i = 0; i < 200; i++) {
      const v = await probe();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'live-policy-'));
    const poolsFile = path.join(dir, 'pools.json');
    // One request per second per host: the noisy load below needs several hosts, more at a higher quantile.
    writeFileSync(poolsFile, JSON.stringify({ complexityUnit: 'requests', pools: { web: { driver: 'local', min: 1, max: 100, hostCapacity: 1, coldStartSeconds: 10, activationSeconds: 2 } } }));
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    const now = Date.now();
    let seed = 11;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const events = [];
    for (let s = 600; s > 0; s--) {
      const n = Math.round(10 * rand() * rand() * 3);
      for (let k = 0; k < n; k++) events.push({ userId: `u${k}`, sessionId: `s${k}`, timestamp: now - s * 1000 + k, action: 'view', error: false });
    }
    await store.append(events);
    const config = loadConfig({}, { dataDir: dir, authToken: TOKEN, port: 0, importSamples: false, poolsFile, decisionIntervalSeconds: 1, retrainMinutes: 0, profileRebuildMinutes: 0 });
    ex = await startExporter(config, { store, logger: silentLogger() });
  });
  afterAll(async () => {
    await ex?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PUT /v1/policy with another serving quantile: the next decision carries the new version and a different target', async () => {
    const first = await waitFor(async () => (await decisions()).latest[0], 'the first decision');
    expect(first).toMatchObject({ pool: 'web', policy_version: 1, forecast: { quantile: 0.98 } });
    const policy: Policy = { ...structuredClone(DEFAULT_POLICY), targets: { ...DEFAULT_POLICY.targets, servingQuantile: 0.5, surgeQuantile: 0.5 } };
    const res = await fetch(`${ex.url}/v1/policy`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-grafana-user': 'ops' }, body: JSON.stringify(policy) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: 2, updatedBy: 'grafana:ops' });
    const next = await waitFor(async () => (await decisions()).latest.find((d) => d.policy_version === 2), 'a decision with policy version 2');
    expect(next.forecast!.quantile).toBe(0.5);
    expect(next.desired.serving).toBeLessThan(first.desired.serving);
    const metrics = await (await fetch(`${ex.url}/metrics`)).text();
    expect(metrics).toContain('shadowfleet_policy_version 2');
    expect(metrics).toMatch(new RegExp(`shadowfleet_desired_serving_hosts\\{pool="web",tier="\\d"\\} ${next.desired.serving}`));
    expect(metrics).toContain('shadowfleet_pool_host_capacity{pool="web",source="configured"} 1');
  });
});
