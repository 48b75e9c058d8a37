import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { experiments, feedback } from '@shadowfleet/exporter';
import { Cleanup, launchHaproxy, repoRoot, runTool, tempDir, type LaunchedHaproxy, shadowfleetBin } from '../../support/index';
import { startAbWebhook, type AbWebhook } from './ab-webhook';
import { freeUdpPort, startKpiExporter, type KpiExporter } from './exporter-process';

const SERVERS = ['h1', 'h2', 'h3'];
const BIN = shadowfleetBin;

/**
 * `shadowfleet experiment live` (the compiled command, its own process) on real parts, shortened: an HAProxy
 * splitting requests between two pools (hpa, and a fixed pool of 2 hosts), the real webhook scaling both
 * with its haproxy driver from the pool model it reads, the exporter with its KPI listener; 4 strategy
 * minutes of 400 ms under a steady request stream.
 */
describe('shadowfleet experiment live through the webhook, against a real HAProxy and exporter', () => {
  const cleanup = new Cleanup();
  let lb: LaunchedHaproxy;
  let webhook: AbWebhook;
  let exporter: KpiExporter;
  const dir = tempDir('experiment-live-cli');

  beforeAll(async () => {
    const app = http.createServer((_req, res) => setTimeout(() => res.end('ok'), 5));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    cleanup.add('app', () => new Promise<void>((resolve) => app.close(() => resolve())));
    const appPort = (app.address() as AddressInfo).port;
    const syslogPort = await freeUdpPort();
    const pool = (name: string): string[] => [`backend ${name}`, ...SERVERS.map((s) => `  server ${s} 127.0.0.1:${appPort} disabled`)];
    lb = await launchHaproxy('live-cli-haproxy', (port, socket) =>
      [
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
        ...feedback.HAPROXY_KPI_FRONTEND_LINES.map((l) => `  ${l}`),
        '  use_backend pool_a if { rand(2) -m int 0 }',
        '  default_backend pool_b',
        ...pool('pool_a'),
        ...pool('pool_b'),
        '',
      ].join('\n'),
    );
    cleanup.add('haproxy', lb.stop);
    webhook = await startAbWebhook([{ pool: 'pool_a', servers: SERVERS }, { pool: 'pool_b', servers: SERVERS }], lb.socketPath, { hostCapacityPerSecond: 25, coldStartSeconds: 0, activationSeconds: 0, standbyCost: 0.1 });
    cleanup.add('webhook', webhook.stop);
    exporter = await startKpiExporter({ token: randomBytes(24).toString('hex'), syslogPort, statsSocket: lb.socketPath, apdexThresholdMs: 500, kpiWindowSeconds: 600 });
    cleanup.add('exporter', exporter.stop);
    cleanup.add('dir', async () => dir.remove());
  });

  afterAll(() => cleanup.run());

  const writeConfig = (extra: Record<string, unknown> = {}): string => {
    const file = path.join(dir.path, `ab-${randomBytes(4).toString('hex')}.json`);
    writeFileSync(webhookTokenFile(), webhook.token);
    const config = {
      haproxy_socket: lb.socketPath,
      webhook: { url: webhook.url, token_file: 'webhook-token' },
      pools_file: webhook.poolsFile,
      exporter: { url: exporter.url },
      arms: [
        { pool: 'pool_a', strategy: 'hpa' },
        { pool: 'pool_b', strategy: 'fixed', hosts: 2 },
      ],
      experiments: [{ id: 'fixed-vs-hpa', control: 'pool_a', treatment: 'pool_b' }],
      capacity_per_host: 10,
      cold_start_minutes: 0,
      shadow_activation_minutes: 0,
      minutes: 4,
      segment_minutes: 1,
      min_segments: 2,
      minute_ms: 400,
      log_grace_ms: 200,
      ...extra,
    };
    writeFileSync(file, JSON.stringify(config));
    return file;
  };
  const webhookTokenFile = (): string => path.join(dir.path, 'webhook-token');
  const cli = (args: string[]) => runTool(process.execPath, [BIN, 'experiment', 'live', ...args], { cwd: repoRoot, env: { ...process.env, SHADOWFLEET_WEBHOOK_TOKEN: '' } });
  const active = async (): Promise<Array<[string, number]>> => feedback.backendStats(feedback.parseShowStat(await lb.command('show stat'))).map((b) => [b.backend, b.activeServers]);

  it('refuses a webhook token the webhook does not accept, before any set-point', async () => {
    const r = await cli(['--config', writeConfig(), '--token', exporter.token, '--webhook-token', 'wrong-token-wrong-token']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`webhook token: the webhook at ${webhook.url} refused it (401)`);
    expect(await active()).toEqual([
      ['pool_a', 0],
      ['pool_b', 0],
    ]);
  });

  it('moves both pools through the webhook\'s driver, records its answers and intent ids, and scores a segment a minute', async () => {
    let sent = 0;
    const traffic = setInterval(() => {
      sent++;
      void fetch(`${lb.url}/`).then((r) => r.arrayBuffer()).catch(() => undefined);
    }, 10);
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      // 30 minutes of history at 40 requests a minute; each pool's half is 20: hpa starts at 2 hosts of 10.
      const rows = Array.from({ length: 30 }, (_, i) => `${new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()},40`);
      writeFileSync(path.join(dir.path, 'history.csv'), ['time,requests', ...rows].join('\n'));
      r = await cli(['--config', writeConfig({ history: { file: 'history.csv' } }), '--token', exporter.token, '--json']);
    } finally {
      clearInterval(traffic);
    }
    expect(r.stderr).not.toContain('skipped set-point');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout) as experiments.LiveRunResult;
    expect(sent).toBeGreaterThan(50);
    expect(run.minutesRun).toBe(4);
    expect(run.segments.flatMap((x) => x.skipped)).toEqual([]);
    expect(run.experiments['fixed-vs-hpa'].segments).toBe(4);
    expect(run.arms.pool_b.minutes.map((m) => m.serving)).toEqual([2, 2, 2, 2]);
    expect(run.arms.pool_b.minutes.map((m) => m.cost)).toEqual([2, 2, 2, 2]);
    for (const a of Object.values(run.arms)) {
      // The first set-point (minute 0) went to the webhook and was accepted as an intent; HAProxy followed it.
      expect(a.setPoints[0]).toMatchObject({ minute: 0, pool: a.pool, target: a.minutes[0].target, outcome: 'accepted' });
      for (const p of a.setPoints) expect(p.intent).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(a.setPoints.map((p) => p.intent)).size).toBe(a.setPoints.length);
      expect(a.haproxyActive).toEqual(a.minutes.map((m) => Math.min(SERVERS.length, m.target)));
      // No cold start or activation time here: a host the webhook turns ready serves at once, so the pool is never above its set-point.
      for (const m of a.minutes) expect(m.serving).toBeLessThanOrEqual(m.target + 1e-9);
      expect(a.kpis?.requests).toBeGreaterThan(0);
      expect(a.simulated.minutes).toBe(4);
      // The prediction is simulated with the arm's own path delay (set-point → pool), and says where it came from.
      expect(a.actuationDelay.steps).toBeGreaterThan(0);
      expect(a.actuationDelay.source).toMatch(/^(measured median over \d+ changes|derived: the runner posts set-points to the webhook itself)/);
    }
    // The fixed pool's set-point was sent once: a target that does not change is not sent again.
    expect(run.arms.pool_b.setPoints.map((p) => p.target)).toEqual([2]);
    expect(run.arms.pool_b.setPoints[0].tier).toBe(1);
  });
});
