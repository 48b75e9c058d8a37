import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { describeDriverContract } from '../shared-suite';
import { HaproxyDriver } from './haproxy-driver';
import { runtimeCommand } from './runtime-api';
import { getThrough, servedBy, startBackend, startHaproxy, type BackendProcess } from './testing/haproxy-process';

const names = ['s1', 's2', 's3', 's4'];
let backends: BackendProcess[] = [];

beforeAll(async () => {
  backends = await Promise.all(names.map((n) => startBackend(n)));
});
afterAll(async () => {
  await Promise.all(backends.map((b) => b.stop()));
});

async function harness(drainTimeoutSeconds = 5) {
  const haproxy = await startHaproxy(backends, ['s2', 's3', 's4']);
  const driver = new HaproxyDriver({ socket: haproxy.socket, backend: 'web', servers: names, drainTimeoutSeconds }, { pool: 'web', logger: memoryLogger() });
  return { haproxy, driver };
}

describeDriverContract('haproxy (real HAProxy 2.6, real backend processes)', async () => {
  const { haproxy, driver } = await harness();
  return {
    driver,
    initial: 1,
    observe: async () => (await servedBy(haproxy.frontendPort, names.length * 2)).size,
    teardown: () => haproxy.stop(),
  };
}, { capacity: names.length });

describe('haproxy driver', () => {
  it('sends traffic to a shadow server once it is activated, and none after scale-back', async () => {
    const { haproxy, driver } = await harness();
    try {
      expect([...(await servedBy(haproxy.frontendPort, 6))]).toEqual(['s1']);
      await driver.apply(driver.plan(await driver.status(), 2));
      expect([...(await servedBy(haproxy.frontendPort, 6))].sort()).toEqual(['s1', 's2']);
      await driver.apply(driver.plan(await driver.status(), 1));
      expect([...(await servedBy(haproxy.frontendPort, 6))]).toEqual(['s1']);
      const state = await runtimeCommand(haproxy.socket, 'show servers state web');
      expect(state).toMatch(/ s2 127\.0\.0\.1 \d+ (1|5) /);
    } finally {
      await haproxy.stop();
    }
  });

  it('drains a server before putting it back into maintenance: its open request completes first', async () => {
    const { haproxy, driver } = await harness();
    try {
      await driver.apply(driver.plan(await driver.status(), 2));
      const status = await driver.status();
      expect(status).toEqual({ active: 2, standby: 2 });
      const slow = [getThrough(haproxy.frontendPort, '/slow'), getThrough(haproxy.frontendPort, '/slow')];
      await new Promise((r) => setTimeout(r, 50));
      const started = Date.now();
      const released = await driver.apply(driver.plan(status, 1));
      const waited = Date.now() - started;
      expect(released).toEqual({ active: 1, standby: 3 });
      const answers = await Promise.all(slow);
      expect(answers.map((a) => `${a.status} ${a.body}`).sort()).toEqual(['200 s1', '200 s2']);
      expect(waited).toBeGreaterThan(200);
    } finally {
      await haproxy.stop();
    }
  });

  it('names a server missing from the backend and how to fix it', async () => {
    const haproxy = await startHaproxy(backends, ['s2']);
    try {
      const driver = new HaproxyDriver({ socket: haproxy.socket, backend: 'web', servers: ['s1', 'ghost'], drainTimeoutSeconds: 1 }, { pool: 'web', logger: memoryLogger() });
      await expect(driver.status()).rejects.toThrow('HAProxy backend web has no server ghost; declare it in haproxy.cfg');
    } finally {
      await haproxy.stop();
    }
  });

  it('explains an unreachable runtime socket', async () => {
    const driver = new HaproxyDriver({ socket: '/nonexistent/admin.sock', backend: 'web', servers: ['s1'], drainTimeoutSeconds: 1 }, { pool: 'web', logger: memoryLogger() });
    await expect(driver.status()).rejects.toThrow('cannot reach HAProxy runtime API at /nonexistent/admin.sock');
  });

  it('refuses runtime commands that could smuggle a second command', async () => {
    await expect(runtimeCommand('/tmp/x.sock', 'set server web/s1 state ready; shutdown sessions')).rejects.toThrow("refusing an HAProxy runtime command with a newline or ';'");
  });
});
