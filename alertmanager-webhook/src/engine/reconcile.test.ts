import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import { IntentLog } from '../intents/log';
import { foldRecords, type IntentRecord } from '../intents/records';
import { WebhookMetrics } from '../metrics/metrics';
import { MemoryDriver } from '../testing/memory-driver';
import { ManualClock } from '../util/clock';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { ActionEngine } from './engine';
import { reconcile } from './reconcile';
import type { PoolRuntime } from './types';

const limits = { dryRun: false, maxConcurrentActions: 2, maxQueuedActions: 100, rateLimit: { maxChanges: 100, windowSeconds: 60 }, actionTimeoutSeconds: 10, intentMaxAgeSeconds: 3600 };

describe('reconciling unfinished intents on restart', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sf-reconcile-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const clock = new ManualClock(Date.parse('2026-11-27T18:00:00Z'));
  const accepted = (id: string, pool: string, at = clock.now() - 1000): IntentRecord => ({ type: 'accepted', id, at, key: `fp${id}|t|firing`, pool, action: 'scale_to', amount: { target: 4 }, fingerprint: '624096824c09146c' });
  const planned = (id: string, from: number, to: number): IntentRecord => ({ type: 'planned', id, at: clock.now() - 900, from, to, dryRun: false });

  async function restart(records: IntentRecord[], drivers: Record<string, MemoryDriver>) {
    const file = path.join(dir, 'intents.jsonl');
    const seed = await IntentLog.open(file, memoryLogger());
    await seed.log.append(records);
    await seed.log.close();
    const { log, records: read } = await IntentLog.open(file, memoryLogger());
    const pools = new Map<string, PoolRuntime>(Object.entries(drivers).map(([name, driver]) => [name, { name, driver, config: { driver: 'memory', min: 0, max: 10, cooldownSeconds: 0, scaleBack: { enabled: true, delaySeconds: 0 }, options: {} } }]));
    const engine = new ActionEngine({ limits, pools, log, metrics: new WebhookMetrics(new Registry(), { poolSizes: async () => [], queuedIntents: () => 0 }), clock, logger: memoryLogger() });
    const summary = await reconcile(read, { engine, pools, now: clock.now(), maxAgeMs: 3600_000, actionTimeoutMs: 10_000, logger: memoryLogger() });
    engine.begin();
    await engine.idle();
    await log.close();
    const { log: after, records: final } = await IntentLog.open(file, memoryLogger());
    await after.close();
    return { summary, intents: foldRecords(final) };
  }

  it('completes an intent whose change already happened, without applying it again', async () => {
    const done = new MemoryDriver(4);
    const { summary, intents } = await restart([accepted('1', 'web'), planned('1', 2, 4)], { web: done });
    expect(done.applies).toHaveLength(0);
    expect(summary).toMatchObject({ completed: 1, reapplied: 0 });
    expect(intents.get('1')?.finished).toMatchObject({ outcome: 'applied', reason: 'reconciled', detail: 'pool already at the planned 4' });
  });

  it('applies an intent whose change never happened, once', async () => {
    const notYet = new MemoryDriver(2);
    const { summary, intents } = await restart([accepted('1', 'web'), planned('1', 2, 4)], { web: notYet });
    expect(notYet.applies.map((p) => [p.from, p.to])).toEqual([[2, 4]]);
    expect(summary).toMatchObject({ reapplied: 1 });
    expect(intents.get('1')?.finished?.outcome).toBe('applied');
  });

  it('abandons an intent when someone else moved the pool meanwhile', async () => {
    const moved = new MemoryDriver(7);
    const { intents } = await restart([accepted('1', 'web'), planned('1', 2, 4)], { web: moved });
    expect(moved.applies).toHaveLength(0);
    expect(intents.get('1')?.finished).toMatchObject({ outcome: 'abandoned', detail: 'pool is at 7, neither the planned 2 nor 4' });
  });

  it('runs an accepted intent that never reached the driver, and abandons a stale one', async () => {
    const web = new MemoryDriver(1);
    const old = accepted('2', 'web', clock.now() - 2 * 3600_000);
    const { summary, intents } = await restart([accepted('1', 'web'), old], { web });
    expect(summary).toMatchObject({ requeued: 1, abandoned: 1 });
    expect(web.applies.map((p) => p.to)).toEqual([4]);
    expect(intents.get('2')?.finished?.detail).toContain('older than intentMaxAgeSeconds');
  });

  it('abandons intents of pools that are no longer configured', async () => {
    const { intents } = await restart([accepted('1', 'gone')], { web: new MemoryDriver(1) });
    expect(intents.get('1')?.finished).toMatchObject({ outcome: 'abandoned', detail: 'pool gone is no longer configured' });
  });
});
