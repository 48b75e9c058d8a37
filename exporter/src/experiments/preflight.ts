import { statSync } from 'node:fs';
import { haproxyCommand, parseShowStat } from '../feedback/haproxy-stats';
import type { ExporterClient } from './exporter-client';

/** An arm as the checks see it: the backend and the servers the runner will switch. */
interface ArmServers {
  readonly backend: string;
  readonly servers: readonly string[];
}

/**
 * Refuses to start unless HAProxy's runtime socket is reachable at admin level and holds every
 * configured backend and server — the runner changes those servers' state, nothing else.
 */
export async function checkHaproxy(socketPath: string, arms: readonly ArmServers[]): Promise<void> {
  const fix = 'point haproxy_socket at HAProxy\'s "stats socket PATH mode 600 level admin" (global section)';
  let isSocket = false;
  try {
    isSocket = statSync(socketPath).isSocket();
  } catch (err) {
    throw new Error(`haproxy_socket ${socketPath}: cannot reach it (${(err as NodeJS.ErrnoException).code ?? String(err)}); ${fix}`);
  }
  if (!isSocket) throw new Error(`haproxy_socket ${socketPath}: not a UNIX socket; ${fix}`);
  const info = await haproxyCommand(socketPath, 'show info');
  if (!info.includes('Name: HAProxy')) throw new Error(`haproxy_socket ${socketPath}: "show info" did not answer as HAProxy ("${info.trim().slice(0, 80)}"); ${fix}`);
  const level = (await haproxyCommand(socketPath, 'show cli level')).trim();
  if (level !== 'admin') throw new Error(`haproxy_socket ${socketPath}: the socket's level is "${level}", the runner needs "admin" to set server states; ${fix}`);
  const rows = parseShowStat(await haproxyCommand(socketPath, 'show stat'));
  for (const a of arms) {
    const have = rows.filter((r) => r.pxname === a.backend && r.svname !== 'BACKEND' && r.svname !== 'FRONTEND').map((r) => r.svname);
    if (!rows.some((r) => r.pxname === a.backend && r.svname === 'BACKEND')) {
      const backends = [...new Set(rows.filter((r) => r.svname === 'BACKEND').map((r) => r.pxname))];
      throw new Error(`arms: HAProxy has no backend "${a.backend}" (it has ${backends.join(', ') || 'none'})`);
    }
    const missing = a.servers.filter((s) => !have.includes(s));
    if (missing.length > 0) throw new Error(`arms: backend ${a.backend} has no server ${missing.join(', ')} (it has ${have.join(', ') || 'none'})`);
  }
}

/**
 * The exporter must collect KPIs (its KPI syslog listener on) and accept the token for segment posts.
 * The token is checked without writing anything: a post to an id the API refuses answers 401 for a
 * bad token and 400 (invalid id) for a good one — authentication comes first.
 */
export async function checkExporter(exporter: ExporterClient, token: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${exporter.url}/v1/kpis`, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new Error(`exporter.url ${exporter.url}: cannot reach it (${(err as Error).message})`);
  }
  if (res.status === 404) throw new Error(`exporter.url ${exporter.url}: its KPIs are off — start it with SHADOWFLEET_KPI_SYSLOG_PORT and HAProxy's KPI log lines (README, Feedback)`);
  if (!res.ok) throw new Error(`exporter.url ${exporter.url}: GET /v1/kpis → ${res.status}`);
  const probe = await fetch(`${exporter.url}/v1/experiments/!/segments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
    signal: AbortSignal.timeout(10_000),
  });
  if (probe.status === 401 || probe.status === 403) throw new Error(`exporter token: the exporter at ${exporter.url} refused it (${probe.status}); use its SHADOWFLEET_AUTH_TOKEN or <data-dir>/auth-token`);
}
