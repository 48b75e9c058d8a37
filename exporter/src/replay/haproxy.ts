import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runtimeCommand } from '@shadowfleet/haproxy-runtime';
import { HAPROXY, requireBinary } from '../stack/binaries';
import { startChild, type Child } from '../stack/children';
import type { Progress } from '../progress';

/** The HAProxy of a replay: one frontend, one backend whose servers are the pool's worker hosts. */
export interface ReplayHaproxyOptions {
  readonly port: number;
  readonly backend: string;
  /** host:port of every server (h1 … hN), in the pool model's order. */
  readonly addresses: readonly string[];
  /** Servers h1 … h{serving} start ready and in rotation; the rest start in maintenance (the webhook's shadows). */
  readonly serving: number;
  /** How long a request may wait in the backend queue before HAProxy answers 503. */
  readonly queueTimeoutMs: number;
  readonly dir: string;
}

export interface ReplayHaproxy {
  readonly url: string;
  readonly socketPath: string;
  readonly child: Child;
  command(line: string): Promise<string>;
  stop(): Promise<void>;
}

import { serverName } from '../hosts/host-agent';

export { serverName };

/**
 * haproxy.cfg of a replay: each server serves one request at a time (`maxconn 1`, so the host's fixed
 * service time is its capacity), requests wait in the backend queue up to `timeout queue`, then get 503.
 * Servers beyond the initial serving ones start `disabled` (maintenance) with weight 0: the host agent
 * (exporter/src/hosts/host-agent.ts) gives a server its weight only once its cold start or activation has passed.
 */
export function replayHaproxyConfig(o: ReplayHaproxyOptions, socketPath: string): string {
  return [
    'global',
    `  stats socket ${socketPath} mode 600 level admin`,
    '  maxconn 8192',
    'defaults',
    '  mode http',
    '  option redispatch',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    `  timeout queue ${Math.max(1, Math.round(o.queueTimeoutMs))}ms`,
    'frontend entry',
    `  bind 127.0.0.1:${o.port}`,
    `  default_backend ${o.backend}`,
    `backend ${o.backend}`,
    '  balance leastconn',
    ...o.addresses.map((a, i) => `  server ${serverName(i)} ${a} maxconn 1 ${i < o.serving ? 'weight 100' : 'weight 0 disabled'}`),
    '',
  ].join('\n');
}

/** Starts the installed HAProxy in the foreground with the replay config; returns once its runtime API answers. */
export async function startReplayHaproxy(o: ReplayHaproxyOptions, progress: Progress, searchPath?: string): Promise<ReplayHaproxy> {
  const bin = requireBinary(HAPROXY, searchPath);
  const socketPath = path.join(o.dir, 'haproxy.sock');
  const configFile = path.join(o.dir, 'haproxy.cfg');
  writeFileSync(configFile, replayHaproxyConfig(o, socketPath));
  const child = startChild('haproxy', bin, ['-db', '-f', configFile], progress);
  const command = (line: string): Promise<string> => runtimeCommand(socketPath, line);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.hasExited()) throw new Error(`HAProxy exited at start (is port ${o.port} in use?); see its output above`);
    try {
      if ((await command('show info')).includes('Name: HAProxy')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error('HAProxy did not answer on its runtime socket within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${o.port}`, socketPath, child, command, stop: () => child.stop() };
}
