import net from 'node:net';

/** HAProxy object names as we allow them in config and commands: no spaces, no `;` (a command separator). */
export const HAPROXY_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

export const RUNTIME_TIMEOUT_MS = 5000;

/**
 * One command over HAProxy's runtime API (the `stats socket … level admin` unix socket), in the
 * non-interactive mode: write the command and a newline, read until HAProxy closes the connection.
 * Talks to the socket directly; no shell, no socat.
 */
export function runtimeCommand(socketPath: string, command: string, signal?: AbortSignal, timeoutMs = RUNTIME_TIMEOUT_MS): Promise<string> {
  if (/[\n\r;]/.test(command)) return Promise.reject(new Error(`refusing runtime API command with a newline or ';': ${JSON.stringify(command)}`));
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ path: socketPath });
    const chunks: Buffer[] = [];
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    const onAbort = () => fail(new Error(`HAProxy runtime API command "${command}" aborted`));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.setTimeout(timeoutMs, () => fail(new Error(`HAProxy runtime API at ${socketPath} did not answer "${command}" within ${timeoutMs} ms`)));
    socket.on('connect', () => socket.end(`${command}\n`));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (err) => fail(new Error(`cannot reach HAProxy runtime API at ${socketPath}: ${err.message}`)));
    socket.on('close', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** One row of `show servers state BACKEND`. */
export interface ServerState {
  readonly name: string;
  /** srv_op_state: 0 stopped, 1 starting, 2 running, 3 stopping. */
  readonly opState: number;
  /** srv_admin_state bit field (maintenance 0x23, drain 0x18). */
  readonly adminState: number;
}

const ADMIN_MAINT_MASK = 0x23;
const ADMIN_DRAIN_MASK = 0x18;
const OP_RUNNING = 2;

export const isMaint = (s: ServerState) => (s.adminState & ADMIN_MAINT_MASK) !== 0;
export const isDraining = (s: ServerState) => !isMaint(s) && (s.adminState & ADMIN_DRAIN_MASK) !== 0;
export const isServing = (s: ServerState) => !isMaint(s) && !isDraining(s) && s.opState === OP_RUNNING;

/** Parses `show servers state` output (format version 1) using its header line. */
export function parseServersState(text: string, backend: string): ServerState[] {
  const lines = text.split('\n').map((l) => l.trim());
  const header = lines.find((l) => l.startsWith('# be_id'));
  if (!header) throw new Error(`HAProxy answered "${lines.join(' ').trim().slice(0, 200)}" to show servers state ${backend}`);
  const cols = header.slice(2).split(' ');
  const at = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`show servers state has no ${name} column`);
    return i;
  };
  const [beName, srvName, op, admin] = [at('be_name'), at('srv_name'), at('srv_op_state'), at('srv_admin_state')];
  return lines
    .filter((l) => l !== '' && !l.startsWith('#') && l !== '1')
    .map((l) => l.split(' '))
    .filter((f) => f[beName] === backend)
    .map((f) => ({ name: f[srvName]!, opState: Number(f[op]), adminState: Number(f[admin]) }));
}

/** Current sessions per server of one backend, from `show stat` CSV. */
export function parseCurrentSessions(csv: string, backend: string): Map<string, number> {
  const lines = csv.split('\n');
  const cols = (lines[0] ?? '').replace(/^# /, '').split(',');
  const [px, sv, scur] = [cols.indexOf('pxname'), cols.indexOf('svname'), cols.indexOf('scur')];
  const sessions = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    if (f[px] === backend && f[sv] !== 'BACKEND' && f[sv] !== 'FRONTEND') sessions.set(f[sv]!, Number(f[scur]));
  }
  return sessions;
}
