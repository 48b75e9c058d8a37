import { statSync } from 'node:fs';
import { haproxyCommand, parseShowStat } from '../feedback/haproxy-stats';
import type { ExporterClient } from './exporter-client';

/**
 * Refuses to start unless HAProxy's runtime socket answers, is at level admin and holds every arm's
 * backend. The runner reads it (`show stat`: requests and servers per backend) and its host agents set
 * server weights (a host takes traffic once it has started); the webhook's drivers change the servers' states.
 */
export async function checkHaproxy(socketPath: string, backends: readonly string[]): Promise<void> {
  const fix = 'point haproxy_socket at HAProxy\'s "stats socket PATH" (global section)';
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
  if (level !== 'admin') {
    throw new Error(`haproxy_socket ${socketPath}: the runner's host agent sets server weights (a host takes traffic once it has started), which needs a socket at level admin; this one is at level ${level || 'unknown'} ("stats socket PATH level admin")`);
  }
  const rows = parseShowStat(await haproxyCommand(socketPath, 'show stat'));
  const have = [...new Set(rows.filter((r) => r.svname === 'BACKEND').map((r) => r.pxname))];
  for (const b of backends) {
    if (!have.includes(b)) throw new Error(`arms: HAProxy has no backend "${b}" (it has ${have.join(', ') || 'none'})`);
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
