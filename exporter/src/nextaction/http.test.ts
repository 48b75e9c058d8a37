import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '@shadowfleet/service-kit';
import { loadConfig } from '../config';
import { startExporter, type RunningExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';

const TOKEN = 'behaviour-test-token-0123456789';

describe('complexity and load forecast over HTTP', () => {
  let dir: string;
  let ex: RunningExporter;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-behaviour-http-'));
    const config = loadConfig({}, { port: 0, dataDir: dir, authToken: TOKEN, importSamples: false, profileRebuildMinutes: 0 });
    ex = await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() });
  });
  afterAll(async () => {
    await ex.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists learned complexity and publishes the forecast gauges', async () => {
    const complexity = (await (await fetch(`${ex.url}/v1/complexity`)).json()) as { unit: string; basis: string; actions: unknown };
    expect(complexity).toMatchObject({ unit: 'kib', basis: 'bytes' }); // the pool model's unit (provisioning/pools.json)
    expect(Array.isArray(complexity.actions)).toBe(true);
    // The first refresh runs at start; wait for its forecast.
    let metrics = '';
    for (let i = 0; i < 50 && !metrics.includes('horizon="60m"'); i++) {
      metrics = await (await fetch(`${ex.url}/metrics`)).text();
      if (!metrics.includes('horizon="60m"')) await new Promise((r) => setTimeout(r, 100));
    }
    for (const h of ['5m', '15m', '60m']) {
      expect(metrics).toContain(`shadowfleet_predicted_complexity_load{horizon="${h}"}`);
      expect(metrics).toContain(`shadowfleet_predicted_sessions{horizon="${h}"}`);
      expect(metrics).toContain(`shadowfleet_predicted_requests{horizon="${h}"}`);
    }
    expect(metrics).toContain('shadowfleet_nextaction_model_info{version="markov-fallback"} 1');
    expect(metrics).toContain('shadowfleet_nextaction_live_top1_accuracy');
    expect(metrics).toContain('shadowfleet_nextaction_last_training_duration_seconds');
    // No LSTM serves yet: no session state is kept; the limit is the default.
    expect(metrics).toContain('shadowfleet_nextaction_sessions_tracked 0');
    expect(metrics).toContain('shadowfleet_nextaction_sessions_tracked_max 1000000');
    expect(metrics).toContain('shadowfleet_nextaction_session_state_bytes 0');
    expect(metrics).toContain('shadowfleet_nextaction_sessions_untracked_total 0');
  });

  it('asks for the bearer token to retrain', async () => {
    expect((await fetch(`${ex.url}/v1/nextaction/retrain`, { method: 'POST' })).status).toBe(401);
    const r = await fetch(`${ex.url}/v1/nextaction/retrain`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(409); // an empty store has nothing to train on
    expect(((await r.json()) as { message: string }).message).toMatch(/retraining needs at least 20 finished sessions/);
  });
});
