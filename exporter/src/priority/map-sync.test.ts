import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { loadConfig } from '../config';
import { PriorityMapSync, type PriorityMapSyncOptions } from './map-sync';

const identity = loadConfig({}).userIdentity;

describe('PriorityMapSync (file and runtime failures; the HAProxy path is in priority-haproxy.test.ts)', () => {
  let dir: string;
  let logger: ReturnType<typeof memoryLogger>;
  let policyReads: number;
  const sync = (over: Partial<PriorityMapSyncOptions>): PriorityMapSync =>
    new PriorityMapSync({
      mapFile: path.join(dir, 'priority.map'),
      identity,
      maxEntries: 2,
      policy: () => (policyReads++, { version: 7, priorities: { top: 10, low: 0 } }),
      assignments: () =>
        new Map([
          ['a', 'top'],
          ['b', 'low'],
          ['c', 'top'],
          ['d e', 'top'],
          ['f', 'other'],
        ]),
      logger,
      now: () => 1_700_000_000_000,
      retryMs: 3_600_000,
      ...over,
    });

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-priority-sync-'));
    logger = memoryLogger();
    policyReads = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the bounded map file and reports what it left out', async () => {
    const s = sync({});
    await s.request();
    await s.close();
    expect(readFileSync(path.join(dir, 'priority.map'), 'utf8').split('\n').slice(2)).toEqual(['a 0', 'c 0', '']);
    expect(s.status).toEqual({ map: { entries: 2, byClass: { 0: 2 }, omitted: 1, unusable: 1 }, policyVersion: 7, updatedAtMs: 1_700_000_000_000, failures: { file: 0, runtime: 0 } });
  });

  it('counts a failed file write and a failed runtime update, logging once per streak', async () => {
    const s = sync({ mapFile: path.join(dir, 'not-there', 'priority.map'), socket: path.join(dir, 'no-haproxy.sock') });
    await s.request();
    await s.request();
    expect(s.status.failures).toEqual({ file: 2, runtime: 2 });
    expect(s.status.policyVersion).toBeUndefined();
    expect(s.status.lastError).toMatch(/writing .*not-there.*ENOENT.*; HAProxy runtime API: cannot reach HAProxy runtime API/);
    expect(logger.entries.map((e) => e.msg)).toEqual([expect.stringMatching(/^update failed .*retrying every 3600 s$/)]);
    await s.close();
  });

  it('recovers on the next request once the target works again, and says so', async () => {
    const file = path.join(dir, 'later', 'priority.map');
    const s = sync({ mapFile: file });
    await s.request();
    expect(s.status).toMatchObject({ failures: { file: 1, runtime: 0 } });
    mkdirSync(path.dirname(file));
    await s.request();
    expect(s.status).toMatchObject({ policyVersion: 7, failures: { file: 1, runtime: 0 } });
    expect(s.status.lastError).toBeUndefined();
    expect(logger.entries[1]?.msg).toBe(`${file} updated again (policy version 7, 2 entries)`);
    await s.close();
  });

  it('runs one update at a time: requests made together, or while one runs, share the next one', async () => {
    const during: Array<Promise<void>> = [];
    const s: PriorityMapSync = sync({
      policy: () => {
        policyReads++;
        // While the first update runs, three more requests: they make one more update, not three.
        if (policyReads === 1) during.push(s.request(), s.request(), s.request());
        return { version: 7, priorities: {} };
      },
    });
    await Promise.all([s.request(), s.request()]);
    await Promise.all(during);
    expect([during.length, policyReads]).toEqual([3, 2]);
    await s.close();
    await s.request();
    expect(policyReads).toBe(2);
  });
});
