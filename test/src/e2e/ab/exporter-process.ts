import dgram from 'node:dgram';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot, spawnManaged, tempDir, waitFor, type ManagedProcess, shadowfleetBin } from '../../support/index';

export interface KpiExporter {
  readonly url: string;
  readonly token: string;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

/** A UDP port that was free on 127.0.0.1 a moment ago (for the exporter's syslog listener). */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/**
 * `shadowfleet start` from the compiled code (npm test builds first) on loopback with an empty store,
 * its KPI syslog listener on `syslogPort` (bound to the default host, 127.0.0.1) and HAProxy's stats
 * socket, configured through the environment as a user would.
 */
export async function startKpiExporter(opts: { token: string; syslogPort: number; statsSocket: string; apdexThresholdMs: number; kpiWindowSeconds: number }): Promise<KpiExporter> {
  const bin = shadowfleetBin;
  if (!existsSync(path.join(repoRoot, 'exporter', 'dist', 'cli', 'main.js'))) throw new Error('exporter/dist is missing: build first with `npx tsc -b` (npm test does)');
  const dir = tempDir('ab-exporter');
  const port = await freePort();
  const env = {
    ...process.env,
    SHADOWFLEET_AUTH_TOKEN: opts.token,
    SHADOWFLEET_KPI_SYSLOG_PORT: String(opts.syslogPort),
    SHADOWFLEET_HAPROXY_STATS_SOCKET: opts.statsSocket,
    SHADOWFLEET_APDEX_THRESHOLD_MS: String(opts.apdexThresholdMs),
    SHADOWFLEET_KPI_WINDOW_SECONDS: String(opts.kpiWindowSeconds),
  };
  const args = [bin, 'start', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dir.path, '--no-samples'];
  const proc = spawnManaged('exporter', process.execPath, args, { cwd: repoRoot, env });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await proc.stop();
    dir.remove();
  };
  try {
    await waitFor(async () => (await fetch(`${url}/v1/kpis`)).ok, { what: 'the exporter answering GET /v1/kpis (KPI listener on)', abortIf: proc.assertRunning, timeoutMs: 60_000 });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, token: opts.token, process: proc, stop };
}
