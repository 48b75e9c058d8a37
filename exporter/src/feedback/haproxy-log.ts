/** Request header naming the caller's behavioural profile; HAProxy captures it into the log line. */
export const PROFILE_HEADER = 'X-Shadowfleet-Profile';

/**
 * haproxy.cfg lines (for a frontend) that make HAProxy log one KPI line per request: the captured
 * profile header, the status and %Ta, the total active time of the request in milliseconds.
 */
export const HAPROXY_KPI_FRONTEND_LINES = [
  `capture request header ${PROFILE_HEADER} len 64`,
  'log-format "shadowfleet_kpi profile=%[capture.req.hdr(0)] status=%ST ta_ms=%Ta"',
] as const;

/** One request as HAProxy logged it. */
export interface KpiRequest {
  readonly profile: string;
  readonly status: number;
  readonly latencyMs: number;
}

const LINE = /shadowfleet_kpi profile=(\S*) status=(-?\d+) ta_ms=(-?\d+)/;
const PROFILE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Parses one syslog message; undefined for other lines and for aborted requests (negative times). */
export function parseKpiLine(message: string): KpiRequest | undefined {
  const m = LINE.exec(message);
  if (!m) return undefined;
  const status = Number(m[2]);
  const latencyMs = Number(m[3]);
  if (latencyMs < 0 || status < 0) return undefined;
  const raw = m[1];
  return { profile: raw !== '' && raw !== '-' && PROFILE.test(raw) ? raw : 'unknown', status, latencyMs };
}
