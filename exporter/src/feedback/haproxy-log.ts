/** Request header naming the caller's behavioural profile; HAProxy captures it into the log line. */
export const PROFILE_HEADER = 'X-Shadowfleet-Profile';

/**
 * haproxy.cfg lines (for a frontend) that make HAProxy log one KPI line per request: the captured
 * profile header, the status, %Ta (the total active time of the request in milliseconds, queue
 * included) and %b, the backend (pool) that served it.
 */
export const HAPROXY_KPI_FRONTEND_LINES = [
  `capture request header ${PROFILE_HEADER} len 64`,
  'log-format "shadowfleet_kpi profile=%[capture.req.hdr(0)] status=%ST ta_ms=%Ta backend=%b"',
] as const;

/** One request as HAProxy logged it. */
export interface KpiRequest {
  readonly profile: string;
  readonly status: number;
  readonly latencyMs: number;
  /** The backend (pool) that served it, when the log line carries `backend=%b`. */
  readonly backend?: string;
}

const LINE = /shadowfleet_kpi profile=(\S*) status=(-?\d+) ta_ms=(-?\d+)(?: backend=(\S+))?/;
const PROFILE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Parses one syslog message; undefined for other lines and for aborted requests (negative times). */
export function parseKpiLine(message: string): KpiRequest | undefined {
  const m = LINE.exec(message);
  if (!m) return undefined;
  const status = Number(m[2]);
  const latencyMs = Number(m[3]);
  if (latencyMs < 0 || status < 0) return undefined;
  const raw = m[1];
  const profile = raw !== '' && raw !== '-' && PROFILE.test(raw) ? raw : 'unknown';
  // A backend name outside the label pattern is left out (the line still counts for its profile).
  const backend = m[4] !== undefined && PROFILE.test(m[4]) ? m[4] : undefined;
  return backend === undefined ? { profile, status, latencyMs } : { profile, status, latencyMs, backend };
}
