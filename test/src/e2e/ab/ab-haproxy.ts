import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { feedback } from '@shadowfleet/exporter';
import { freePort, runtimeCommand, spawnManaged, tempDir, waitFor, HAPROXY_BIN, type ManagedProcess } from '../../support/index';

/** One pool (an HAProxy backend) and the addresses of its hosts. */
export interface PoolSpec {
  readonly backend: string;
  readonly addresses: readonly string[];
}

export interface AbHaproxyOptions {
  readonly pools: readonly PoolSpec[];
  /** UDP port of the exporter's KPI syslog listener. */
  readonly syslogPort: number;
  /** How long a request may wait in a pool's queue before HAProxy answers 503. */
  readonly queueTimeoutMs: number;
}

export interface RunningAbHaproxy {
  readonly url: string;
  /** The admin runtime API socket (also read by the exporter for `show stat`). */
  readonly socketPath: string;
  readonly process: ManagedProcess;
  command(line: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The A/B haproxy.cfg: one frontend that logs a KPI line per request to the exporter (profile, status,
 * %Ta, backend) and sends each request to one pool at random (equal shares), and one backend per pool
 * whose hosts serve one request at a time (`maxconn 1`) and start in maintenance (the arm's strategy
 * turns them ready).
 */
export function abHaproxyConfig(opts: AbHaproxyOptions, port: number, socketPath: string): string {
  const n = opts.pools.length;
  const routes = opts.pools.slice(0, -1).map((p, i) => `  use_backend ${p.backend} if { var(txn.arm) -m int ${i} }`);
  const backends = opts.pools.flatMap((p) => [
    `backend ${p.backend}`,
    '  balance leastconn',
    ...p.addresses.map((a, i) => `  server h${i + 1} ${a} maxconn 1 disabled`),
  ]);
  return [
    'global',
    `  stats socket ${socketPath} mode 600 level admin`,
    `  log 127.0.0.1:${opts.syslogPort} len 1024 local0`,
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  log global',
    '  option redispatch',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    `  timeout queue ${opts.queueTimeoutMs}ms`,
    'frontend entry',
    `  bind 127.0.0.1:${port}`,
    ...feedback.HAPROXY_KPI_FRONTEND_LINES.map((l) => `  ${l}`),
    `  http-request set-var(txn.arm) rand(${n})`,
    ...routes,
    `  default_backend ${opts.pools[n - 1].backend}`,
    ...backends,
    '',
  ].join('\n');
}

/** Starts the Debian HAProxy on loopback with the A/B config; returns once the runtime API answers. */
export async function startAbHaproxy(opts: AbHaproxyOptions): Promise<RunningAbHaproxy> {
  if (opts.pools.length < 2) throw new RangeError(`an A/B split needs at least 2 pools, got ${opts.pools.length}`);
  const dir = tempDir('ab-haproxy');
  const port = await freePort();
  const socketPath = path.join(dir.path, 'admin.sock');
  const configFile = path.join(dir.path, 'haproxy.cfg');
  writeFileSync(configFile, abHaproxyConfig(opts, port, socketPath));
  const proc = spawnManaged('haproxy', HAPROXY_BIN, ['-db', '-f', configFile]);
  const stop = async (): Promise<void> => {
    await proc.stop();
    dir.remove();
  };
  const command = (line: string): Promise<string> => runtimeCommand(socketPath, line);
  try {
    await waitFor(async () => (await command('show info')).includes('Name: HAProxy'), { what: 'HAProxy runtime API', abortIf: proc.assertRunning });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${port}`, socketPath, process: proc, command, stop };
}
