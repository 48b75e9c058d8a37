import net from 'node:net';

/** How long one `show stat` may take before it is abandoned. */
const STATS_TIMEOUT_MS = 5_000;

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
function takesTraffic(status: string): boolean {
  return status.startsWith('UP') || status === 'no check';
}

/** Parses `show stat` CSV (header line `# pxname,svname,...`) into one record per row. */
export function parseShowStat(csv: string): Array<Record<string, string>> {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0 || !lines[0].startsWith('# ')) throw new Error(`HAProxy show stat: expected a "# pxname,svname,..." header, got "${(lines[0] ?? '').slice(0, 80)}"`);
  const header = lines[0].slice(2).split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

const num = (v: string | undefined): number => (v === undefined || v === '' ? 0 : Number(v));

/** Per-backend load: servers' sessions against their maxconn, session rate, queue, response time. */
export function backendStats(rows: ReadonlyArray<Record<string, string>>): BackendStats[] {
  return rows
    .filter((r) => r.svname === 'BACKEND')
    .map((b) => {
      const servers = rows.filter((r) => r.pxname === b.pxname && r.svname !== 'BACKEND' && r.svname !== 'FRONTEND');
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

/**
 * One command over HAProxy's runtime API (the `stats socket` UNIX path) in non-interactive mode: writes
 * the line, reads until HAProxy closes. Several commands may share a line separated by `;`; a newline
 * is refused (it would start a command the caller did not name). No shell, no socat.
 */
export function haproxyCommand(socketPath: string, line: string, timeoutMs = STATS_TIMEOUT_MS): Promise<string> {
  if (/[\n\r]/.test(line)) return Promise.reject(new Error(`refusing an HAProxy runtime command with a newline: ${JSON.stringify(line.slice(0, 120))}`));
  const what = line.length > 80 ? `${line.slice(0, 77)}...` : line;
  return new Promise((resolve, reject) => {
    const sock = net.connect({ path: socketPath });
    let answer = '';
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error(`HAProxy stats socket ${socketPath} did not answer "${what}"`)));
    sock.on('connect', () => sock.write(`${line}\n`));
    sock.on('data', (d) => (answer += d.toString('utf8')));
    sock.on('end', () => resolve(answer));
    sock.on('error', (err) => reject(new Error(`HAProxy stats socket ${socketPath}: ${err.message}`)));
  });
}

/** Sends `show stat` over HAProxy's stats socket (a UNIX socket path) and returns the CSV. */
export function readShowStat(socketPath: string): Promise<string> {
  return haproxyCommand(socketPath, 'show stat');
}
