import { parse } from 'csv-parse/sync';
import { runtimeCommand } from './command';

/** One row of `show stat`, keyed by the CSV header's column names (pxname, svname, scur, ...). */
export type StatRow = Readonly<Record<string, string>>;

/** One backend's load from HAProxy's `show stat`. */
export interface BackendStats {
  readonly backend: string;
  /** Sessions in progress on the backend's servers. */
  readonly sessions: number;
  /** Sum of the servers' maxconn; undefined when a server has no limit. */
  readonly sessionLimit?: number;
  /** sessions / sessionLimit. */
  readonly utilisation?: number;
  /** New sessions per second over the last second. */
  readonly sessionRate: number;
  readonly queued: number;
  /** HAProxy's average response time over the last 1024 requests, seconds. */
  readonly responseTimeAverageSeconds: number;
  /** Servers configured in the backend, and those taking traffic (not in maintenance, drain or down). */
  readonly servers: number;
  readonly activeServers: number;
  /** HTTP requests the backend received since HAProxy started (`req_tot`; 0 in TCP mode). */
  readonly requestsTotal: number;
}

/** A server's `status` that takes traffic: UP (possibly "UP 1/3" while checks settle) or "no check". */
function takesTraffic(status: string | undefined): boolean {
  return status !== undefined && (status.startsWith('UP') || status === 'no check');
}

/**
 * Parses `show stat` CSV (header line `# pxname,svname,...`) into one record per row, with csv-parse:
 * HAProxy quotes text fields that hold commas or quotes (check and agent descriptions).
 */
export function parseShowStat(csv: string): StatRow[] {
  const text = csv.trimStart();
  if (!text.startsWith('# ')) throw new Error(`HAProxy show stat: expected a "# pxname,svname,..." header, got "${text.slice(0, 80).split('\n')[0]}"`);
  const [header = [], ...rows] = parse(text.slice(2), { relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as string[][];
  return rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

const num = (v: string | undefined): number => (v === undefined || v === '' ? 0 : Number(v));
const isServerRow = (r: StatRow): boolean => r.svname !== 'BACKEND' && r.svname !== 'FRONTEND';

/** Per-backend load: servers' sessions against their maxconn, session rate, queue, response time. */
export function backendStats(rows: readonly StatRow[]): BackendStats[] {
  return rows
    .filter((r) => r.svname === 'BACKEND')
    .map((b) => {
      const servers = rows.filter((r) => r.pxname === b.pxname && isServerRow(r));
      const limited = servers.length > 0 && servers.every((s) => s.slim !== '');
      const sessions = servers.reduce((sum, s) => sum + num(s.scur), 0);
      const sessionLimit = limited ? servers.reduce((sum, s) => sum + num(s.slim), 0) : undefined;
      return {
        backend: b.pxname,
        sessions,
        sessionLimit,
        utilisation: sessionLimit ? sessions / sessionLimit : undefined,
        sessionRate: num(b.rate),
        queued: num(b.qcur),
        responseTimeAverageSeconds: num(b.rtime) / 1000,
        servers: servers.length,
        activeServers: servers.filter((s) => takesTraffic(s.status)).length,
        requestsTotal: num(b.req_tot),
      };
    });
}

/** Current sessions (`scur`) per server of one backend, from `show stat` CSV. */
export function parseCurrentSessions(csv: string, backend: string): Map<string, number> {
  const servers = parseShowStat(csv).filter((r) => r.pxname === backend && isServerRow(r));
  return new Map(servers.map((r) => [r.svname, num(r.scur)]));
}

/** Sends `show stat` over HAProxy's stats socket (a UNIX socket path) and returns the CSV. */
export function readShowStat(socketPath: string): Promise<string> {
  return runtimeCommand(socketPath, 'show stat');
}
