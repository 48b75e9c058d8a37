import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseServersState, runtimeCommand, type ServerState } from '@shadowfleet/haproxy-runtime';
import { freePort } from './ports';
import { spawnManaged, tempDir, type ManagedProcess } from './process';
import { waitFor } from './wait';

export const HAPROXY_BIN = '/usr/sbin/haproxy';

export { parseServersState, runtimeCommand, type ServerState };

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
  return { ...h, backend: opts.backend, serverStates: async () => parseServersState(await h.command(`show servers state ${opts.backend}`), opts.backend) };
}
