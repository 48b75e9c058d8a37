import { closeSync, fdatasyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeAlert, notification, startBackend, startHaproxy } from '@shadowfleet/alertmanager-webhook';
import { cpuSeconds, percentile, pool, postAlerts, round, startWebhookProcess, TOKEN } from './process';

/** Raw fdatasync latency of a 300-byte append in `dir`: the floor under every accept, measured in the same run. */
function fdatasyncBaseline(dir: string, samples = 200) {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(path.join(dir, 'fsync-probe'), 'a');
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      writeSync(fd, `${'x'.repeat(299)}\n`);
      const t = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - t);
    }
  } finally {
    closeSync(fd);
  }
  const sorted = times.sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), max: round(sorted.at(-1)!) };
}

async function send(url: string, bodies: string[], concurrency: number, statuses: Map<number, number>) {
  const started = performance.now();
  const latencies = await pool(
    bodies.map((body) => async () => {
      const t0 = performance.now();
      const res = await postAlerts(url, body);
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      return performance.now() - t0;
    }),
    concurrency,
  );
  const sorted = latencies.sort((a, b) => a - b);
  const wall = (performance.now() - started) / 1000;
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)!), per_second: round(bodies.length / wall, 1) };
}

/**
 * Accept latency under a burst: 1,000 notifications of one alert each, 50 in flight (Alertmanager
 * sends groups in parallel), against the real webhook process driving a real HAProxy pool.
 */
export async function measureBurst(alerts = 1000, concurrency = 50) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-burst-'));
  const backends = await Promise.all(['s1', 's2', 's3'].map((n) => startBackend(n)));
  const haproxy = await startHaproxy(backends, ['s2', 's3']);
  const service = await startWebhookProcess(
    {
      dataDir: path.join(dir, 'data'),
      auth: { type: 'bearer', token: TOKEN },
      pools: { web: { driver: 'haproxy', min: 1, max: 3, cooldownSeconds: 60, options: { socket: haproxy.socket, backend: 'web', servers: ['s1', 's2', 's3'] } } },
    },
    dir,
  );
  try {
    const make = (n: number) => Array.from({ length: n }, () => JSON.stringify(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web', tier: '3' })])));
    const statuses = new Map<number, number>();
    const load = os.loadavg()[0]!;
    const fsync = fdatasyncBaseline(path.join(dir, 'data'));
    const sequential = await send(service.url, make(200), 1, statuses);
    const cpuBefore = cpuSeconds(service.child.pid!);
    const wallBefore = performance.now();
    const burst = await send(service.url, make(alerts), concurrency, statuses);
    const cpu = cpuSeconds(service.child.pid!) - cpuBefore;
    const wall = (performance.now() - wallBefore) / 1000;
    return {
      alerts,
      concurrency,
      statuses: Object.fromEntries(statuses),
      accept_ms: burst,
      sequential_accept_ms: { alerts: 200, ...sequential },
      webhook_cpu_ms_per_notification: round((cpu * 1000) / alerts),
      webhook_cpu_share_during_burst: round(cpu / wall),
      fdatasync_ms_same_disk: fsync,
      load_average_1m_at_start: round(load, 1),
      note: 'each answer comes after its intent is fdatasynced (group commit); actions run after answering (1 applied, the rest skipped by the 60 s cooldown, each skip also recorded). webhook_cpu_share_during_burst is the fraction of one core the webhook process got: on this shared 2-core machine (see load average) the burst is CPU-starved, so latency = queueing behind CPU, not fsync',
    };
  } finally {
    await service.stop();
    await haproxy.stop();
    await Promise.all(backends.map((b) => b.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}
