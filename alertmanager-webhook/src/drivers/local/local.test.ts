import http from 'node:http';
import path from 'node:path';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { describeDriverContract } from '../shared-suite';
import { LocalDriver, localOptions } from './local-driver';

// The reference worker of the local driver, published as the package's shadowfleet-local-worker bin.
const worker = path.join(__dirname, '..', '..', '..', 'bin', 'shadowfleet-local-worker.js');

function driver(over: Record<string, unknown> = {}) {
  return new LocalDriver(localOptions.parse({ program: process.execPath, args: [worker], standby: 2, initialActive: 1, maxWorkers: 6, warmTimeoutSeconds: 10, ...over }), { pool: 'workers', logger: memoryLogger() });
}

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

/** Workers that answer HTTP: what a client can actually reach. */
async function answering(d: LocalDriver): Promise<number> {
  const answers = await Promise.allSettled(d.endpoints().map((p) => get(p)));
  return answers.filter((a) => a.status === 'fulfilled' && a.value.startsWith('worker ')).length;
}

describeDriverContract('local (real worker processes)', async () => {
  const d = driver();
  await d.start();
  return { driver: d, initial: 1, observe: () => answering(d), teardown: () => d.close() };
}, { capacity: 6 });

describe('local driver', () => {
  it('keeps warm standby workers running but not serving until activated, then replenishes them', async () => {
    const d = driver();
    try {
      await d.start();
      expect(await d.status()).toEqual({ active: 1, standby: 2, holds: 3 });
      const [servingPort] = d.endpoints();
      await d.apply(d.plan(await d.status(), 3));
      expect(await d.status()).toMatchObject({ active: 3 });
      expect(await answering(d)).toBe(3);
      expect(d.endpoints()).toContain(servingPort);
      await d.settled();
      expect(await d.status()).toEqual({ active: 3, standby: 2, holds: 5 });
    } finally {
      await d.close();
    }
  });

  it('returns serving workers to standby on scale-back, closing their ports, and stops the surplus', async () => {
    const d = driver();
    try {
      await d.start();
      await d.apply(d.plan(await d.status(), 3));
      await d.settled();
      const ports = d.endpoints();
      await d.apply(d.plan(await d.status(), 1));
      await d.settled();
      expect(await d.status()).toEqual({ active: 1, standby: 2, holds: 3 });
      const released = ports.filter((p) => !d.endpoints().includes(p));
      expect(released).toHaveLength(2);
      for (const p of released) await expect(get(p)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      await d.close();
    }
  });

  it("follows the manager's total once a set-point carries it: standby = total − serving, an activation takes warm workers and a release boots none", async () => {
    const d = driver();
    try {
      await d.start();
      // The set-point's total (pool_hosts) replaces the configured standby count: 5 − 1 serving = 4 standby.
      expect(await d.holdPoolTotal(5)).toEqual({ active: 1, standby: 4, holds: 5 });
      const warm = d.workerIds('standby');
      // An activation without refill (total unchanged): two warm workers serve, nothing is started afterwards.
      await d.apply(d.plan(await d.status(), 3));
      await d.settled();
      expect(await d.holdPoolTotal(5)).toEqual({ active: 3, standby: 2, holds: 5 });
      expect(d.workerIds('serving').filter((id) => warm.includes(id))).toHaveLength(2);
      expect(d.workerIds()).toHaveLength(5);
      // A release: the two return to standby and are the standby (5 − 1 = 4); no worker started or stopped.
      const before = d.workerIds();
      await d.apply(d.plan(await d.status(), 1));
      await d.settled();
      expect(await d.holdPoolTotal(5)).toEqual({ active: 1, standby: 4, holds: 5 });
      expect(d.workerIds()).toEqual(before);
      // A smaller total trims standby (2 − 1 = 1); a total below serving keeps none (never below zero).
      expect(await d.holdPoolTotal(2)).toEqual({ active: 1, standby: 1, holds: 2 });
      await d.apply(d.plan(await d.status(), 2));
      await d.settled();
      expect(await d.holdPoolTotal(1)).toEqual({ active: 2, standby: 0, holds: 1 });
    } finally {
      await d.close();
    }
  });

  it('keeps the pool within maxWorkers, and reports the total it follows', async () => {
    const d = driver({ maxWorkers: 4 });
    try {
      await d.start();
      expect(await d.holdPoolTotal(10)).toEqual({ active: 1, standby: 3, holds: 10 });
    } finally {
      await d.close();
    }
  });

  it('names a worker program that cannot start', async () => {
    const d = driver({ program: '/nonexistent/worker', args: [] });
    await expect(d.start()).rejects.toThrow(/worker \d+ could not start: spawn \/nonexistent\/worker ENOENT/);
    await d.close();
  });
});
