import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sourceFile } from '../../../util/package-paths';
import { runtimeCommand } from '../runtime-api';
import { freePort } from '@shadowfleet/service-kit/testing';

/** Debian's HAProxy, as installed by .ci/run. */
export const HAPROXY_BIN = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
const START_TIMEOUT_MS = 10_000;

export interface BackendProcess {
  readonly name: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts fixtures/backend.cjs as its own process and waits for its port. */
export async function startBackend(name: string): Promise<BackendProcess> {
  const child = spawn(process.execPath, [sourceFile('drivers', 'haproxy', 'fixtures', 'backend.cjs'), name], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const port = Number(line.split(' ')[1]);
  return { name, port, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exit = once(child, 'exit');
  child.kill('SIGTERM');
  await exit;
}

export interface HaproxyProcess {
  readonly socket: string;
  readonly frontendPort: number;
  readonly backend: string;
  stop(): Promise<void>;
}

/**
 * Starts a real HAProxy on loopback: one HTTP frontend, one round-robin backend whose servers listed
 * in `shadows` start `disabled` (maintenance), and an admin-level runtime API socket.
 */
export async function startHaproxy(servers: readonly { name: string; port: number }[], shadows: readonly string[], backend = 'web'): Promise<HaproxyProcess> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-haproxy-'));
  const socket = path.join(dir, 'admin.sock');
  const frontendPort = await freePort();
  const config = [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    '  maxconn 1000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 10s',
    '  timeout server 10s',
    'frontend fe',
    `  bind 127.0.0.1:${frontendPort}`,
    `  default_backend ${backend}`,
    `backend ${backend}`,
    '  balance roundrobin',
    ...servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port}${shadows.includes(s.name) ? ' disabled' : ''}`),
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'haproxy.cfg'), config);
  const child = spawn(HAPROXY_BIN, ['-f', path.join(dir, 'haproxy.cfg'), '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await runtimeCommand(socket, 'show info')).includes('Name: HAProxy')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`haproxy did not open ${socket} within ${START_TIMEOUT_MS} ms: ${stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    socket,
    frontendPort,
    backend,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One GET through the frontend on a fresh connection; resolves to the body (the backend's name). */
export function getThrough(port: number, urlPath = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

/** The distinct backends that answered `requests` round-robin requests. */
export async function servedBy(port: number, requests: number): Promise<Set<string>> {
  const names = new Set<string>();
  for (let i = 0; i < requests; i++) {
    const r = await getThrough(port);
    if (r.status === 200) names.add(r.body);
  }
  return names;
}
