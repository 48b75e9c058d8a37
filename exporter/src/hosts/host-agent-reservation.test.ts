import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostsToHold } from '@shadowfleet/models';
import { freePort } from '@shadowfleet/service-kit/testing';
import { HostAgent } from './host-agent';
import { silentProgress } from '../progress';
import { startReplayHaproxy, type ReplayHaproxy } from '../replay/haproxy';


/**
 * The host agent as a standby provider against a real HAProxy: the manager's targets are read at once,
 * the webhook's change (`state ready` / `state maint`) comes later, as on the real path. The agent follows
 * what every provider is told to follow: the hosts the pool should hold (`hostsToHold` of one decision,
 * shadowfleet_desired_pool_hosts), less the hosts it has in the pool now.
 */
describe('host agent: the standby pool follows the manager once the serving change lands', () => {
  let dir: string;
  let lb: ReplayHaproxy;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-agent-'));
    // Four servers that are never sent traffic (no health checks): h1 serving, h2–h4 in maintenance.
    lb = await startReplayHaproxy({ port: await freePort(), backend: 'web', addresses: ['127.0.0.1:9', '127.0.0.1:9', '127.0.0.1:9', '127.0.0.1:9'], serving: 1, queueTimeoutMs: 100, dir }, silentProgress);
  }, 40_000);
  afterAll(async () => {
    await lb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const h of ['h2', 'h3', 'h4']) await lb.command(`set server web/${h} state maint`);
  });

  const agentWith = (targets: { standby: number; serving: number }, initialStandby: number, clock: { now: number }, poolTarget = () => hostsToHold(targets)) =>
    new HostAgent({ backend: 'web', servers: 4, coldStartMs: 5000, activationMs: 1000, standbyCost: 0.1, command: lb.command, poolTarget, log: () => undefined, now: () => clock.now }, 1, initialStandby);

  it('keeps the warm host an activation without refill will take, so the activation starts warm', async () => {
    const clock = { now: 0 };
    const targets = { standby: 1, serving: 1 };
    const agent = agentWith(targets, 1, clock);
    expect(await agent.poll()).toMatchObject({ serving: 1, standby: 1, standbyBooting: 0 });
    // The manager activates its one standby host: standby target 0, serving target 2, before the webhook acts.
    Object.assign(targets, { standby: 0, serving: 2 });
    clock.now = 100;
    expect(await agent.poll()).toMatchObject({ standby: 1, standbyBooting: 0 });
    // The webhook's change lands most of a step later.
    await lb.command('set server web/h2 state ready');
    clock.now = 700;
    expect(await agent.poll()).toMatchObject({ serving: 1, starting: 1, standby: 0 });
    expect(agent.starts).toEqual({ warm: 1, cold: 0 });
  });

  it('boots no extra standby host for a release still on its way (it will return to standby)', async () => {
    const clock = { now: 0 };
    await lb.command('set server web/h2 state ready');
    const targets = { standby: 0, serving: 2 };
    const agent = agentWith(targets, 0, clock);
    await agent.poll();
    clock.now = 2000;
    await agent.poll();
    // The manager returns a serving host to standby: standby target 1, serving target 1.
    Object.assign(targets, { standby: 1, serving: 1 });
    clock.now = 2100;
    expect(await agent.poll()).toMatchObject({ standby: 0, standbyBooting: 0 });
    await lb.command('set server web/h2 state maint');
    clock.now = 2700;
    expect(await agent.poll()).toMatchObject({ serving: 1, standby: 1, standbyBooting: 0 });
  });

  it('the old contract, following shadowfleet_desired_standby_hosts alone, loses that warm host and cold-starts', async () => {
    const clock = { now: 0 };
    const targets = { standby: 1, serving: 1 };
    // A provider that keeps its standby at the standby target: the hosts to hold = that target + the hosts in the pool now.
    let agent: HostAgent | undefined = undefined;
    const inPool = (): number => (agent?.last ? agent.last.serving + agent.last.starting : 1);
    agent = agentWith(targets, 1, clock, () => targets.standby + inPool());
    await agent.poll();
    Object.assign(targets, { standby: 0, serving: 2 });
    clock.now = 100;
    expect(await agent.poll()).toMatchObject({ standby: 0 });
    await lb.command('set server web/h2 state ready');
    clock.now = 700;
    await agent.poll();
    expect(agent.starts).toEqual({ warm: 0, cold: 1 });
  });

  it('boots for a cold scale-up as soon as the total rises, and the server turned ready takes that booting host', async () => {
    const clock = { now: 0 };
    const targets = { standby: 0, serving: 1 };
    const agent = agentWith(targets, 0, clock);
    expect(await agent.poll()).toMatchObject({ standby: 0, standbyBooting: 0 });
    // The manager launches a host cold (no standby): serving 1 → 2. The provider sees the total rise first.
    targets.serving = 2;
    clock.now = 100;
    expect(await agent.poll()).toMatchObject({ standbyBooting: 1 });
    // The webhook's change lands late (a cooldown): no second host is booted for the slot.
    await lb.command('set server web/h2 state ready');
    clock.now = 2000;
    expect(await agent.poll()).toMatchObject({ serving: 1, starting: 1, standby: 0, standbyBooting: 0 });
    expect([agent.starts, agent.coldFromBooting]).toEqual([{ warm: 0, cold: 1 }, 1]);
    // It serves once the boot begun at 100 (5100) and an activation (1000) are over, not a whole cold start after the change (7000).
    clock.now = 6000;
    expect(await agent.poll()).toMatchObject({ serving: 1, starting: 1 });
    clock.now = 6100;
    expect(await agent.poll()).toMatchObject({ serving: 2, starting: 0, standby: 0, standbyBooting: 0 });
  });

  it('still refills standby towards the target and trims a surplus', async () => {
    const clock = { now: 0 };
    const targets = { standby: 2, serving: 1 };
    const agent = agentWith(targets, 0, clock);
    expect(await agent.poll()).toMatchObject({ standby: 0, standbyBooting: 2 });
    clock.now = 5000;
    expect(await agent.poll()).toMatchObject({ standby: 2, standbyBooting: 0 });
    targets.standby = 1;
    clock.now = 5100;
    expect(await agent.poll()).toMatchObject({ standby: 1 });
  });
});
