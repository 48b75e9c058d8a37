import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '@shadowfleet/service-kit';
import { freePort } from '@shadowfleet/service-kit/testing';
import { loadConfig } from './config';
import { repoRoot } from './paths';
import { startExporter, type RunningExporter } from './server';
import { DuckDbEventStore } from './store/duckdb-store';

/** docs/metrics.md lists every metric of our own with the help text /metrics serves: one source per fact. */
describe('docs/metrics.md', () => {
  let dir: string;
  let ex: RunningExporter;
  let served: Map<string, string>;
  const documented = new Map(
    [...readFileSync(path.join(repoRoot, 'docs', 'metrics.md'), 'utf8').matchAll(/^\| `(shadowfleet_[a-z0-9_]+)` \| (.*) \|$/gm)].map((m) => [m[1], m[2].replace(/\\\|/g, '|')]),
  );

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'metrics-doc-'));
    // Every module on: KPIs from a syslog port, HAProxy stats from a socket (absent here: the gauges still register), the priority map.
    const config = loadConfig({}, { dataDir: dir, port: 0, noAuth: true, importSamples: false, kpiSyslogPort: await freePort('udp'), haproxyStatsSocket: path.join(dir, 'none.sock'), priorityMapFile: path.join(dir, 'priority.map'), retrainMinutes: 0, profileRebuildMinutes: 0 });
    ex = await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() });
    const text = await (await fetch(`${ex.url}/metrics`)).text();
    served = new Map([...text.matchAll(/^# HELP (shadowfleet_\S+) (.*)$/gm)].filter((m) => !m[1].startsWith('shadowfleet_exporter_')).map((m) => [m[1], m[2]]));
  });
  afterAll(async () => {
    await ex?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents every metric /metrics serves, with its help text', () => {
    expect(served.size).toBeGreaterThan(40);
    for (const [name, help] of served) expect({ name, help: documented.get(name) }).toEqual({ name, help });
  });

  it('documents no metric the exporter does not serve', () => {
    for (const name of documented.keys()) expect({ name, served: served.has(name) }).toEqual({ name, served: true });
  });
});
