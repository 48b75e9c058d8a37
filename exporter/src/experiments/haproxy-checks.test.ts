import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { haproxyCommand } from '../feedback/haproxy-stats';
import { startTestHaproxy, type TestHaproxy } from '@shadowfleet/haproxy-runtime/testing';
import { ArmHosts } from './arm-hosts';
import { checkHaproxy } from './preflight';

/** Debian's HAProxy, as .ci/run installs it. */

describe('the live runner\'s HAProxy preflight against a real HAProxy (it reads, and its host agents set weights: the webhook\'s drivers change servers)', () => {
  let haproxy: TestHaproxy | undefined;
  let dir: string;
  let admin: string;
  let operator: string;

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

  it('accepts an admin socket that holds every arm\'s backend, and refuses a lower level before anything changes', async () => {
    await expect(checkHaproxy(admin, ['pool'])).resolves.toBeUndefined();
    await expect(checkHaproxy(operator, ['pool'])).rejects.toThrow(`haproxy_socket ${operator}: the runner's host agent sets server weights (a host takes traffic once it has started), which needs a socket at level admin; this one is at level operator`);
  });

  it('starts an arm\'s host agent on the backend\'s servers (none ready: none serving)', async () => {
    const hosts = await ArmHosts.start({ backend: 'pool', coldStartMs: 1000, activationMs: 100, standbyCost: 0.1, initialStandby: 0, log: () => undefined, socket: admin });
    expect(hosts.agent.last).toMatchObject({ serving: 0, starting: 0, standby: 0 });
    await expect(ArmHosts.start({ backend: 'nope', coldStartMs: 0, activationMs: 0, standbyCost: 0.1, initialStandby: 0, log: () => undefined, socket: admin })).rejects.toThrow('HAProxy answered "Can\'t find backend." to show servers state nope');
  });

  it('refuses a socket it cannot reach and a file that is not a socket', async () => {
    await expect(checkHaproxy(path.join(dir, 'missing.sock'), [])).rejects.toThrow(/^haproxy_socket .*missing\.sock: cannot reach it \(ENOENT\); point haproxy_socket at/);
    writeFileSync(path.join(dir, 'plain'), '');
    await expect(checkHaproxy(path.join(dir, 'plain'), [])).rejects.toThrow('plain: not a UNIX socket');
  });

  it('names a backend HAProxy does not have, and never sends a line with a newline', async () => {
    await expect(checkHaproxy(admin, ['pool', 'nope'])).rejects.toThrow('arms: HAProxy has no backend "nope" (it has pool)');
    await expect(haproxyCommand(admin, 'show info\nshutdown frontend x')).rejects.toThrow('refusing an HAProxy runtime command with a newline');
  });
});
