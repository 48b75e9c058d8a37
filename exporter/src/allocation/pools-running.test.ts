import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { loadConfig } from '../config';
import { startExporter, type RunningExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { IncomingEvent } from '../store/types';
import type { PoolDecision } from './decision';

/** A running exporter with two pools: each pool's decisions come from the events its serves selector routes to it. */
describe('two pools in a running exporter', () => {
  let dir: string;
  let ex: RunningExporter;
  const logger = memoryLogger();
  const events: IncomingEvent[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pools-running-'));
    const poolsFile = path.join(dir, 'pools.json');
    const pool = { driver: 'local', min: 1, max: 100, hostCapacity: 1, coldStartSeconds: 10, activationSeconds: 2 };
    writeFileSync(poolsFile, JSON.stringify({ complexityUnit: 'requests', pools: { web: pool, search: { ...pool, serves: { action: ['search', 'Search'] } } } }));
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    // Ten minutes of history and two ahead (so that the steps decided while the test runs have traffic too):
    // 8 page views and 3 searches a second.
    const now = Date.now();
    for (let s = -600; s < 120; s++) {
      for (let k = 0; k < 11; k++) events.push({ userId: `u${k}`, sessionId: `s${k}`, timestamp: now + s * 1000 + k * 50, action: k < 8 ? 'view' : 'search', error: false });
    }
    await store.append(events);
    const config = loadConfig({}, { dataDir: dir, authToken: 'pools-running-token-0123456789', port: 0, importSamples: false, poolsFile, decisionIntervalSeconds: 1, retrainMinutes: 0, profileRebuildMinutes: 0 });
    ex = await startExporter(config, { store, logger });
  });
  afterAll(async () => {
    await ex?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each pool’s manager sees its own load, the two add up to the site’s, and /metrics has both', async () => {
    let latest: PoolDecision[] = [];
    for (let i = 0; i < 200 && !(latest.length === 2 && latest[0].at === latest[1].at); i++) {
      latest = ((await (await fetch(`${ex.url}/v1/decisions`)).json()) as { latest: PoolDecision[] }).latest;
      if (latest.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    const byPool = Object.fromEntries(latest.map((d) => [d.pool, d]));
    const at = Date.parse(byPool.web.at);
    const inStep = events.filter((e) => e.timestamp >= at - 1000 && e.timestamp < at);
    expect(byPool.search.at).toBe(byPool.web.at);
    expect(byPool.web.load.last_step).toBe(inStep.filter((e) => e.action === 'view').length);
    expect(byPool.search.load.last_step).toBe(inStep.filter((e) => e.action === 'search').length);
    expect(byPool.web.load.last_step + byPool.search.load.last_step).toBe(inStep.length);
    expect(inStep.length).toBe(11);
    expect(byPool.search.desired.serving).toBeLessThan(byPool.web.desired.serving);
    const metrics = await (await fetch(`${ex.url}/metrics`)).text();
    expect(metrics).toMatch(/shadowfleet_pool_load_per_second\{pool="web"\} \d/);
    expect(metrics).toMatch(/shadowfleet_pool_load_per_second\{pool="search"\} \d/);
    // The selector value no event took is named in a warning at start.
    expect(logger.entries.filter((e) => e.level === 'warn' && e.msg.includes('serves')).map((e) => e.msg)).toEqual([
      expect.stringMatching(/^pools\.search\.serves\.action\.1: "Search" matched none of the \d+ events of the last 48 min/),
    ]);
  });
});
