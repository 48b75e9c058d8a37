import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '@shadowfleet/service-kit';
import { Registry } from 'prom-client';
import { HAPROXY_KPI_FRONTEND_LINES, PROFILE_HEADER } from './haproxy-log';
import { backendStats, parseShowStat, readShowStat } from './haproxy-stats';
import { startTestHaproxy, type TestHaproxy } from '@shadowfleet/haproxy-runtime/testing';
import { freePort } from '@shadowfleet/service-kit/testing';
import { registerStatsMetrics } from './stats-metrics';
import { listenForKpis, type KpiListener } from './kpi-listener';
import { registerKpiMetrics } from './kpi-metrics';
import { KpiWindow } from './kpi-window';

/** Debian's HAProxy, as .ci/run installs it. */

async function get(url: string, profile: string, delayMs: number): Promise<number> {
  const res = await fetch(url, { headers: { [PROFILE_HEADER]: profile, 'x-delay-ms': String(delayMs) } });
  await res.arrayBuffer();
  return res.status;
}

describe('KPIs from a real HAProxy', () => {
  let backend: http.Server;
  let haproxy: TestHaproxy | undefined;
  let listener: KpiListener;
  let dir: string;
  let frontend: string;
  const window = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 300 });
  const byBackend = new KpiWindow({ apdexThresholdMs: 100, windowSeconds: 300, key: 'backend' });

  beforeAll(async () => {
    // The application behind HAProxy: answers after the delay the client asks for.
    backend = http.createServer((req, res) => {
      setTimeout(() => res.end('ok'), Number(req.headers['x-delay-ms'] ?? 0));
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    listener = await listenForKpis([window, byBackend], '127.0.0.1', 0);
    const port = await freePort();
    dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-kpi-'));
    const cfg = path.join(dir, 'haproxy.cfg');
    haproxy = await startTestHaproxy(
      cfg,
      [
        'global',
        `  log 127.0.0.1:${listener.port} len 1024 local0`,
        `  stats socket ${path.join(dir, 'stats.sock')} mode 600 level user`,
        'defaults',
        '  mode http',
        '  log global',
        '  timeout connect 2s',
        '  timeout client 10s',
        '  timeout server 10s',
        'frontend entry',
        `  bind 127.0.0.1:${port}`,
        ...HAPROXY_KPI_FRONTEND_LINES.map((l) => `  ${l}`),
        '  default_backend app',
        'backend app',
        `  server s1 127.0.0.1:${(backend.address() as net.AddressInfo).port} maxconn 10`,
        '',
      ].join('\n'),
      path.join(dir, 'stats.sock'),
      ['ignore', 'ignore', 'inherit'],
    );
    frontend = `http://127.0.0.1:${port}/`;
    for (let i = 0; ; i++) {
      try {
        await get(frontend, 'warmup', 0);
        break;
      } catch (err) {
        if (i > 100) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  afterAll(async () => {
    await haproxy?.stop();
    await listener?.close();
    await new Promise((resolve) => backend?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('turns HAProxy log lines into Apdex, latency quantiles and throughput per profile', async () => {
    // fast: 10 requests at ~0 ms (satisfied); slow: 4 at 150 ms (tolerating) and 2 at 500 ms (frustrated).
    for (let i = 0; i < 10; i++) expect(await get(frontend, 'fast', 0)).toBe(200);
    await Promise.all([...Array(4)].map(() => get(frontend, 'slow', 150)).concat([...Array(2)].map(() => get(frontend, 'slow', 500))));
    for (let i = 0; i < 100 && (window.kpis().find((k) => k.profile === 'slow')?.requests ?? 0) < 6; i++) await new Promise((r) => setTimeout(r, 50));
    const kpis = Object.fromEntries(window.kpis().map((k) => [k.profile, k]));
    expect(byBackend.kpis().map((k) => k.profile)).toEqual(['app']); // %b: the backend that served them
    expect(kpis.fast.requests).toBe(10);
    expect(kpis.fast.apdex).toBe(1);
    expect(kpis.slow.requests).toBe(6);
    expect(kpis.slow.apdex).toBeCloseTo((0 + 4 / 2) / 6, 10);
    expect(kpis.slow.latency_p50_seconds).toBeGreaterThanOrEqual(0.15);
    expect(kpis.slow.latency_p99_seconds).toBeGreaterThanOrEqual(0.5);
    expect(kpis.slow.latency_p99_seconds).toBeLessThan(2);
    const registry = new Registry();
    registerKpiMetrics(registry, window);
    const text = await registry.metrics();
    expect(text).toMatch(/shadowfleet_kpi_apdex\{profile="slow"\} 0\.333/);
    expect(text).toContain('shadowfleet_kpi_latency_seconds{profile="fast",quantile="0.95"}');
  });

  it('reads backend utilisation (sessions / maxconn) from the stats socket while requests are in flight', async () => {
    const socket = path.join(dir, 'stats.sock');
    const inFlight = Promise.all([...Array(3)].map(() => get(frontend, 'busy', 800)));
    try {
      let app;
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 50));
        app = backendStats(parseShowStat(await readShowStat(socket))).find((b) => b.backend === 'app');
        if (app?.sessions === 3) break;
      }
      expect(app).toMatchObject({ backend: 'app', sessions: 3, sessionLimit: 10, servers: 1, activeServers: 1 });
      expect(app!.requestsTotal).toBeGreaterThanOrEqual(17); // the first test's 16 requests and the warm-up
      expect(app!.utilisation).toBeCloseTo(0.3, 10);
      const registry = new Registry();
      registerStatsMetrics(registry, socket, silentLogger());
      const text = await registry.metrics();
      expect(text).toMatch(/shadowfleet_kpi_backend_utilisation_ratio\{backend="app"\} 0\.3\n/);
      expect(text).toMatch(/shadowfleet_kpi_backend_sessions\{backend="app"\} 3\n/);
    } finally {
      await inFlight;
    }
  });

  it('names the socket when it cannot be read', async () => {
    await expect(readShowStat(path.join(dir, 'missing.sock'))).rejects.toThrow(/cannot reach HAProxy runtime API at .*missing\.sock/);
    expect(() => parseShowStat('Unknown command')).toThrow('expected a "# pxname,svname,..." header');
  });
});
