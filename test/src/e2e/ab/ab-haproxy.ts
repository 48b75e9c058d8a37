import { feedback } from '@shadowfleet/exporter';
import { launchHaproxy, type LaunchedHaproxy } from '../../support/index';

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

/** The A/B HAProxy: frontend URL, admin runtime socket (also read by the exporter for `show stat`). */
export type RunningAbHaproxy = LaunchedHaproxy;

/**
 * The A/B haproxy.cfg: one frontend that logs a KPI line per request to the exporter (profile, status,
 * %Ta, backend) and sends each request to one pool at random (equal shares), and one backend per pool
 * whose hosts serve one request at a time (`maxconn 1`) and start in maintenance at weight 0 (the webhook
 * turns them ready, the runner's host agent gives them weight once they have booted).
 */
export function abHaproxyConfig(opts: AbHaproxyOptions, port: number, socketPath: string): string {
  const n = opts.pools.length;
  const routes = opts.pools.slice(0, -1).map((p, i) => `  use_backend ${p.backend} if { var(txn.arm) -m int ${i} }`);
  const backends = opts.pools.flatMap((p) => [
    `backend ${p.backend}`,
    '  balance leastconn',
    // Weight 0 until the host agent (exporter/src/hosts) puts a server in rotation once its cold start or activation has passed.
    ...p.addresses.map((a, i) => `  server h${i + 1} ${a} maxconn 1 weight 0 disabled`),
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
  return launchHaproxy('ab-haproxy', (port, socketPath) => abHaproxyConfig(opts, port, socketPath));
}
