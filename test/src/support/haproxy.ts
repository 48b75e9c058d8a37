import net from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './ports';
import { spawnManaged, tempDir, type ManagedProcess } from './process';
import { waitFor } from './wait';

export const HAPROXY_BIN = '/usr/sbin/haproxy';
/** How long one runtime-API command may take before it is abandoned. */
const RUNTIME_API_TIMEOUT_MS = 5_000;

export interface HaproxyServer {
  readonly name: string;
  /** host:port of the process behind it. */
  readonly address: string;
  /** Start in maintenance (a shadow server): configured, reachable, but receives no traffic. */
  readonly maintenance?: boolean;
}

export interface HaproxyOptions {
  readonly backend: string;
  readonly servers: readonly HaproxyServer[];
}

/** One row of `show servers state`: the operational (srv_op_state) and administrative (srv_admin_state) state. */
export interface ServerState {
  readonly name: string;
  /** 0 stopped, 1 starting, 2 running, 3 soft-stopping. */
  readonly opState: number;
  /** Bit field; bit 0x01 = forced maintenance. */
  readonly adminState: number;
  readonly inMaintenance: boolean;
}

export interface RunningHaproxy extends LaunchedHaproxy {
  readonly backend: string;
  serverStates(): Promise<ServerState[]>;
}

/** The haproxy.cfg text: one HTTP frontend, one round-robin backend, an admin runtime socket. */
export function haproxyConfig(opts: HaproxyOptions, port: number, socketPath: string): string {
  const servers = opts.servers.map((s) => `  server ${s.name} ${s.address}${s.maintenance ? ' disabled' : ''}`);
  return [
    'global',
    `  stats socket ${socketPath} mode 600 level admin`,
    '  maxconn 512',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 10s',
    '  timeout server 10s',
    'frontend entry',
    `  bind 127.0.0.1:${port}`,
    `  default_backend ${opts.backend}`,
    `backend ${opts.backend}`,
    '  balance roundrobin',
    ...servers,
    '',
  ].join('\n');
}

/** Sends one command over HAProxy's runtime API (a UNIX socket; HAProxy closes it after answering). */
export function runtimeCommand(socketPath: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ path: socketPath });
    let answer = '';
    sock.setTimeout(RUNTIME_API_TIMEOUT_MS, () => sock.destroy(new Error(`HAProxy runtime API did not answer "${line}"`)));
    sock.on('connect', () => sock.write(`${line}\n`));
    sock.on('data', (d) => (answer += d.toString('utf8')));
    sock.on('end', () => resolve(answer));
    sock.on('error', reject);
  });
}

/** Parses `show servers state BACKEND` (format version 1: be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state …). */
export function parseServersState(text: string): ServerState[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#') && !/^\d+$/.test(l.trim()))
    .map((l) => {
      const f = l.trim().split(/\s+/);
      const adminState = Number(f[6]);
      return { name: f[3], opState: Number(f[5]), adminState, inMaintenance: (adminState & 0x01) !== 0 };
    });
}

/** A Debian HAProxy running in the foreground on loopback with a generated config (what every test HAProxy shares). */
export interface LaunchedHaproxy {
  readonly url: string;
  readonly socketPath: string;
  readonly process: ManagedProcess;
  command(line: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Writes the config `build(port, socketPath)` returns into a temp folder, starts HAProxy on it and
 * returns once the runtime API answers; `stop()` ends it and removes the folder.
 */
export async function launchHaproxy(name: string, build: (port: number, socketPath: string) => string): Promise<LaunchedHaproxy> {
  const dir = tempDir(name);
  const port = await freePort();
  const socketPath = path.join(dir.path, 'admin.sock');
  const configFile = path.join(dir.path, 'haproxy.cfg');
  writeFileSync(configFile, build(port, socketPath));
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

/** Starts the Debian HAProxy in the foreground on loopback; returns once the runtime API answers. */
export async function startHaproxy(opts: HaproxyOptions): Promise<RunningHaproxy> {
  const h = await launchHaproxy('haproxy', (port, socketPath) => haproxyConfig(opts, port, socketPath));
  return { ...h, backend: opts.backend, serverStates: async () => parseServersState(await h.command(`show servers state ${opts.backend}`)) };
}
