import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendStats, haproxyCommand, parseShowStat } from '../feedback/haproxy-stats';
import { startTestHaproxy, type TestHaproxy } from '@shadowfleet/haproxy-runtime/testing';
import { PoolDriver } from './pool-driver';
import { checkHaproxy } from './preflight';

/** Debian's HAProxy, as .ci/run installs it. */

describe('the live runner against a real HAProxy: preflight and server states', () => {
  let haproxy: TestHaproxy | undefined;
  let dir: string;
  let admin: string;
  let operator: string;
  const activeServers = async (): Promise<number> => backendStats(parseShowStat(await haproxyCommand(admin, 'show stat'))).find((b) => b.backend === 'pool')!.activeServers;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-live-haproxy-'));
    admin = path.join(dir, 'admin.sock');
    operator = path.join(dir, 'operator.sock');
    const cfg = path.join(dir, 'haproxy.cfg');
    // Servers without health checks: "no check" (taking traffic) when ready, MAINT otherwise.
    const servers = ['s1', 's2', 's3'].map((s, i) => `  server ${s} 127.0.0.1:${1 + i} disabled`);
    haproxy = await startTestHaproxy(cfg, ['global', `  stats socket ${admin} mode 600 level admin`, `  stats socket ${operator} mode 600 level operator`, 'defaults', '  mode http', '  timeout connect 1s', '  timeout client 1s', '  timeout server 1s', 'backend pool', ...servers, ''].join('\n'), admin); // its warnings on each state change are expected (stdio ignored)
  });

  afterAll(async () => {
    await haproxy?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('accepts an admin socket that holds every configured server', async () => {
    await expect(checkHaproxy(admin, [{ backend: 'pool', servers: ['s1', 's2', 's3'] }])).resolves.toBeUndefined();
  });

  it('refuses a socket it cannot reach, a file that is not a socket, and a socket below level admin', async () => {
    await expect(checkHaproxy(path.join(dir, 'missing.sock'), [])).rejects.toThrow(/^haproxy_socket .*missing\.sock: cannot reach it \(ENOENT\); point haproxy_socket at/);
    writeFileSync(path.join(dir, 'plain'), '');
    await expect(checkHaproxy(path.join(dir, 'plain'), [])).rejects.toThrow('plain: not a UNIX socket');
    await expect(checkHaproxy(operator, [])).rejects.toThrow('the socket\'s level is "operator", the runner needs "admin"');
  });

  it('names a backend or server HAProxy does not have', async () => {
    await expect(checkHaproxy(admin, [{ backend: 'nope', servers: ['s1'] }])).rejects.toThrow('arms: HAProxy has no backend "nope" (it has pool)');
    await expect(checkHaproxy(admin, [{ backend: 'pool', servers: ['s1', 's9'] }])).rejects.toThrow('arms: backend pool has no server s9 (it has s1, s2, s3)');
  });

  it('puts the first N servers in service and the rest in maintenance', async () => {
    const driver = new PoolDriver(admin, 'pool', ['s1', 's2', 's3']);
    expect(await driver.apply(2)).toBe(2);
    expect(await activeServers()).toBe(2);
    expect(await driver.apply(1)).toBe(1);
    expect(await activeServers()).toBe(1);
    expect(await driver.apply(7)).toBe(3); // clamped to the servers configured
    expect(await activeServers()).toBe(3);
    expect(await driver.apply(0)).toBe(0);
    expect(await activeServers()).toBe(0);
  });

  it('reports HAProxy refusing a change, and never sends a line with a newline', async () => {
    await expect(new PoolDriver(operator, 'pool', ['s1']).apply(1)).rejects.toThrow(/HAProxy refused "set server pool\/s1 state ready": Permission denied/);
    await expect(haproxyCommand(admin, 'show info\nshutdown frontend x')).rejects.toThrow('refusing an HAProxy runtime command with a newline');
  });
});
