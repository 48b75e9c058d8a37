import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostsToHold } from '@shadowfleet/models';
import { freePort } from '@shadowfleet/service-kit/testing';
import { silentProgress } from '../progress';
import { startReplayHaproxy, type ReplayHaproxy } from '../replay/haproxy';
import { HostAgent } from './host-agent';
import { startWorkerHosts, type WorkerHosts } from './worker-hosts';

const COLD_MS = 1500;
const WARM_MS = 400;

/**
 * The host agent on a real HAProxy in front of real worker hosts: the webhook's haproxy driver turns a
 * server ready (here: the same runtime command it sends); the agent must keep it out of rotation until its
 * cold start (no warm standby) or activation (a warm standby host) has passed. Which host served each
 * request is what the worker itself says (`x-served-by`), so a host served too early cannot hide.
 */
describe('the host agent behind a real HAProxy', () => {
  let dir: string;
  let hosts: WorkerHosts;
  let lb: ReplayHaproxy;
  let agent: HostAgent;
  let standby = 0;
  /** The manager's serving target, moved just before the webhook's change as on the real path. */
  let serving = 1;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-host-agent-'));
    hosts = await startWorkerHosts('web', 3, 1, silentProgress);
    lb = await startReplayHaproxy({ port: await freePort(), backend: 'web', addresses: hosts.addresses, serving: 1, queueTimeoutMs: 2000, dir }, silentProgress);
    agent = new HostAgent({ backend: 'web', servers: 3, coldStartMs: COLD_MS, activationMs: WARM_MS, standbyCost: 0.1, command: lb.command, poolTarget: () => hostsToHold({ serving, standby }), log: () => undefined }, 1, 0);
  });

  afterAll(async () => {
    await lb?.stop();
    await hosts?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Polls the agent and sends requests (two at a time) until `host` serves one; returns when it first did (ms). */
  async function firstServedBy(host: string, timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      await agent.poll();
      const answers = await Promise.all([0, 1].map(() => fetch(`${lb.url}/`).then(async (r) => ({ by: r.headers.get('x-served-by'), ok: r.ok, text: await r.text() }))));
      expect(answers.every((a) => a.ok)).toBe(true);
      if (answers.some((a) => a.by === `web/${host}`)) return Date.now();
    }
    throw new Error(`${host} served nothing within ${timeoutMs} ms`);
  }

  it('keeps a server the webhook turned ready out of rotation for the cold start when no standby host is free', async () => {
    await agent.poll();
    serving = 2;
    const readyAt = Date.now();
    expect((await lb.command('set server web/h2 state ready')).trim()).toBe('');
    const served = await firstServedBy('h2');
    expect(served - readyAt).toBeGreaterThanOrEqual(COLD_MS);
    expect(agent.starts).toEqual({ warm: 0, cold: 1 });
    expect(agent.last).toMatchObject({ serving: 2, starting: 0 });
  });

  it('activates a warm standby host after the activation time, and reports the pool as the simulator\'s fleet meanwhile', async () => {
    standby = 1;
    // The standby host boots for the cold-start time first (paid at full price meanwhile).
    await agent.poll();
    expect(agent.last).toMatchObject({ standbyBooting: 1, standby: 0 });
    expect(agent.fleetAt(10, 1000).shadowBootingReadyAt).toEqual([12]);
    const deadline = Date.now() + 30_000;
    while (agent.last?.standby !== 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      await agent.poll();
    }
    expect(agent.last).toMatchObject({ standby: 1, standbyBooting: 0 });
    standby = 0;
    serving = 3;
    const readyAt = Date.now();
    await lb.command('set server web/h3 state ready');
    await agent.poll();
    expect(agent.fleetAt(10, WARM_MS)).toMatchObject({ serving: 2, standby: 0, activatingReadyAt: [11], bootingReadyAt: [] });
    const served = await firstServedBy('h3');
    expect(served - readyAt).toBeGreaterThanOrEqual(WARM_MS);
    expect(agent.starts).toEqual({ warm: 1, cold: 1 });
  });

  it('takes a released server out of rotation at once and keeps it as warm standby', async () => {
    standby = 1;
    serving = 2;
    await lb.command('set server web/h3 state maint');
    await agent.poll();
    expect(agent.last).toMatchObject({ serving: 2, standby: 1, standbyBooting: 0 });
    const by = await Promise.all(Array.from({ length: 6 }, () => fetch(`${lb.url}/`).then((r) => r.headers.get('x-served-by'))));
    expect(by).not.toContain('web/h3');
  });
});
