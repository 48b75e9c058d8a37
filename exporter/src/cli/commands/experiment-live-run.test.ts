import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { parseLiveExperimentConfig, runLiveExperiment, type LiveRunResult } from '../../experiments';
import { HAPROXY_KPI_FRONTEND_LINES } from '../../feedback/haproxy-log';
import { backendStats, haproxyCommand, parseShowStat } from '../../feedback/haproxy-stats';
import { startTestHaproxy, type TestHaproxy } from '@shadowfleet/haproxy-runtime/testing';
import { freePort } from '@shadowfleet/service-kit/testing';
import { startExporter, type RunningExporter } from '../../server';
import { DuckDbEventStore } from '../../store/duckdb-store';
import { buildProgram } from '../main';

/** Debian's HAProxy, as .ci/run installs it. */
const TOKEN = 't'.repeat(32);

async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await buildProgram().parseAsync(['node', 'shadowfleet', 'experiment', 'live', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return out.join('');
}

/**
 * `shadowfleet experiment live` on real parts, shortened: an HAProxy splitting requests between two
 * pools (hpa, and a fixed single host), the exporter in-process with its KPI listener, 4 strategy
 * minutes of 400 ms under a steady request stream.
 */
describe('shadowfleet experiment live against a real HAProxy and exporter', () => {
  let app: http.Server;
  let haproxy: TestHaproxy | undefined;
  let exporter: RunningExporter;
  let dir: string;
  let socket: string;
  let frontend: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-live-run-'));
    app = http.createServer((_req, res) => setTimeout(() => res.end('ok'), 5));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const appPort = (app.address() as net.AddressInfo).port;
    const syslogPort = await freePort('udp');
    const config = loadConfig({ SHADOWFLEET_KPI_SYSLOG_PORT: String(syslogPort) }, { port: 0, dataDir: dir, authToken: TOKEN, importSamples: false });
    exporter = await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), log: () => undefined });
    const port = await freePort();
    socket = path.join(dir, 'admin.sock');
    const pool = (name: string): string[] => [`backend ${name}`, ...[1, 2, 3].map((i) => `  server h${i} 127.0.0.1:${appPort} disabled`)];
    const cfg = [
      'global',
      `  stats socket ${socket} mode 600 level admin`,
      `  log 127.0.0.1:${syslogPort} len 1024 local0`,
      'defaults',
      '  mode http',
      '  log global',
      '  timeout connect 1s',
      '  timeout client 5s',
      '  timeout server 5s',
      '  timeout queue 2s',
      'frontend entry',
      `  bind 127.0.0.1:${port}`,
      ...HAPROXY_KPI_FRONTEND_LINES.map((l) => `  ${l}`),
      '  use_backend pool_a if { rand(2) -m int 0 }',
      '  default_backend pool_b',
      ...pool('pool_a'),
      ...pool('pool_b'),
      '',
    ];
    haproxy = await startTestHaproxy(path.join(dir, 'haproxy.cfg'), cfg.join('\n'), socket);
    frontend = `http://127.0.0.1:${port}/`;
  });

  afterAll(async () => {
    await haproxy?.stop();
    await exporter?.close();
    await new Promise((resolve) => app?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const configJson = (): Record<string, unknown> => ({
        haproxy_socket: socket,
        exporter: { url: exporter.url },
        arms: [
          { backend: 'pool_a', servers: ['h1', 'h2', 'h3'], strategy: 'hpa' },
          { backend: 'pool_b', servers: ['h1', 'h2', 'h3'], strategy: 'fixed', hosts: 2 },
        ],
        experiments: [{ id: 'fixed-vs-hpa', control: 'pool_a', treatment: 'pool_b' }],
        capacity_per_host: 10,
        cold_start_minutes: 0,
        minutes: 4,
        segment_minutes: 1,
        min_segments: 2,
        minute_ms: 400,
        log_grace_ms: 200,
      });
  const writeConfig = (extra: Record<string, unknown> = {}): string => {
    const file = path.join(dir, 'ab.json');
    writeFileSync(file, JSON.stringify({ ...configJson(), ...extra }));
    return file;
  };

  it('refuses a token the exporter does not accept, before touching HAProxy\'s servers', async () => {
    await expect(cli(['--config', writeConfig(), '--token', 'wrong-token-wrong-token'])).rejects.toThrow(`exporter token: the exporter at ${exporter.url} refused it (401)`);
    // Every server still in maintenance, as configured.
    expect(backendStats(parseShowStat(await haproxyCommand(socket, 'show stat'))).map((b) => [b.backend, b.activeServers])).toEqual([
      ['pool_a', 0],
      ['pool_b', 0],
    ]);
  });

  it('drives both pools, posts a segment a minute and prints the verdicts as JSON', async () => {
    let sent = 0;
    const traffic = setInterval(() => {
      sent++;
      void fetch(frontend).then((r) => r.arrayBuffer()).catch(() => undefined);
    }, 10);
    let out: string;
    try {
      // 30 minutes of history at 40 requests a minute, relative to the config file; each pool's half is 20.
      const rows = Array.from({ length: 30 }, (_, i) => `${new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()},40`);
      writeFileSync(path.join(dir, 'history.csv'), ['time,requests', ...rows].join('\n'));
      out = await cli(['--config', writeConfig({ history: { file: 'history.csv' } }), '--token', TOKEN, '--json']);
    } finally {
      clearInterval(traffic);
    }
    const r = JSON.parse(out) as LiveRunResult;
    expect(sent).toBeGreaterThan(50);
    expect(r.minutesRun).toBe(4);
    expect(r.segments).toHaveLength(4);
    expect(r.segments.flatMap((x) => x.skipped)).toEqual([]);
    expect(r.experiments['fixed-vs-hpa'].segments).toBe(4);
    expect(r.experiments['fixed-vs-hpa'].verdict).toMatch(/^(treatment_better|control_better|no_significant_difference|stopped_slo_harm) \(4 segments\)$/);
    // The fixed pool started from its history (20 a minute at 10 per host: 2 hosts) and keeps them.
    expect(r.arms.pool_b.minutes.map((m) => m.serving)).toEqual([2, 2, 2, 2]);
    for (const a of Object.values(r.arms)) {
      expect(a.requests).toBeGreaterThan(0);
      expect(a.kpis?.requests).toBeGreaterThan(0);
      expect(a.haproxyActive).toEqual(a.minutes.map((m) => Math.min(3, m.serving)));
    }
  });

  it('skips segments without requests, and ends at once when aborted (as Ctrl-C does)', async () => {
    const abort = new AbortController();
    const config = parseLiveExperimentConfig({ ...configJson(), minutes: 50, experiments: [{ id: 'aborted', control: 'pool_a', treatment: 'pool_b' }] });
    setTimeout(() => abort.abort(), 1000);
    const started = Date.now();
    const r = await runLiveExperiment(config, { token: TOKEN, signal: abort.signal });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.aborted).toBe(true);
    expect(r.minutesRun).toBe(3); // two whole minutes of 400 ms, and the one interrupted at 1 s
    expect(r.arms.pool_a.minutes).toHaveLength(3);
    // No traffic was sent: the segments had no KPIs, so nothing was posted (and the run went on).
    expect(r.segments.map((x) => x.skipped)).toEqual([['aborted'], ['aborted']]);
    expect(r.experiments.aborted).toBeUndefined();
  });
});
