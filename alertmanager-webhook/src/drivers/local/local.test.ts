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
      expect(await d.status()).toEqual({ active: 1, standby: 2 });
      const [servingPort] = d.endpoints();
      await d.apply(d.plan(await d.status(), 3));
      expect(await d.status()).toMatchObject({ active: 3 });
      expect(await answering(d)).toBe(3);
      expect(d.endpoints()).toContain(servingPort);
      await d.settled();
      expect(await d.status()).toEqual({ active: 3, standby: 2 });
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
      expect(await d.status()).toEqual({ active: 1, standby: 2 });
      const released = ports.filter((p) => !d.endpoints().includes(p));
      expect(released).toHaveLength(2);
      for (const p of released) await expect(get(p)).rejects.toThrow(/ECONNREFUSED/);
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
