import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { LocalDriver, localOptions } from '../drivers/local/local-driver';
import { IntentLog } from '../intents/log';
import type { Intent } from '../intents/records';
import { WebhookMetrics } from '../metrics/metrics';
import { makeAlert } from '../testing/alerts';
import { ManualClock } from '../util/clock';
import { ActionEngine } from './engine';
import { latestTotals, restoreHeldTotals } from './held-totals';
import { reconcile } from './reconcile';
import type { EngineLimits, PoolRuntime } from './types';

/**
 * The set-point's total (pool_hosts) through the engine to a driver that keeps its own standby: the local
 * driver with real worker processes (docs/pools.md#standby-providers-what-to-follow).
 */
const worker = path.join(__dirname, '..', '..', 'bin', 'shadowfleet-local-worker.js');
const limits: EngineLimits = { dryRun: false, maxConcurrentActions: 2, maxQueuedActions: 100, rateLimit: { maxChanges: 100, windowSeconds: 60 }, actionTimeoutSeconds: 20, intentMaxAgeSeconds: 3600 };

describe('set-points carry the pool total to drivers that keep their own standby', () => {
  let dir: string;
  let log: IntentLog | undefined;
  let driver: LocalDriver;
  afterEach(async () => {
    await driver.close();
    await log?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startDriver(): Promise<void> {
    driver = new LocalDriver(localOptions.parse({ program: process.execPath, args: [worker], standby: 1, initialActive: 1, maxWorkers: 8, warmTimeoutSeconds: 10 }), { pool: 'web', logger: memoryLogger() });
    await driver.start();
  }
  const poolsOf = (d: LocalDriver) => new Map<string, PoolRuntime>([['web', { name: 'web', driver: d, config: { driver: 'local', min: 1, max: 8, cooldownSeconds: 0, scaleBack: { enabled: true, delaySeconds: 300 }, options: {} } }]]);

  async function engineFor(dryRun = false): Promise<ActionEngine> {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-pool-total-'));
    await startDriver();
    const opened = await IntentLog.open(path.join(dir, 'intents.jsonl'), memoryLogger());
    log = opened.log;
    const pools = poolsOf(driver);
    const ref: { engine?: ActionEngine } = {};
    const metrics = new WebhookMetrics(new Registry(), { poolSizes: async () => [], queuedIntents: () => ref.engine?.queuedIntents() ?? 0 });
    const clock = new ManualClock();
    const engine = new ActionEngine({ limits: { ...limits, dryRun }, pools, log: opened.log, metrics, clock, logger: memoryLogger() });
    ref.engine = engine;
    await reconcile(opened.records, { engine, pools, now: clock.now(), maxAgeMs: 3600_000, actionTimeoutMs: 20_000, logger: memoryLogger() });
    engine.begin();
    return engine;
  }
  const setPoint = (target: number, poolHosts: number, startsAt: string) => makeAlert({ alertname: 'ShadowfleetSetHosts', shadowfleet_action: 'set_hosts', pool: 'web', tier: '2', target: String(target), pool_hosts: String(poolHosts) }, { startsAt });

  it('a total-only set-point (serving as it is) refills standby; one with a new target activates warm workers without refilling', async () => {
    const engine = await engineFor();
    expect(await driver.status()).toEqual({ active: 1, standby: 1, holds: 2 });
    // Only the total changed: 1 serving, 4 hosts → 3 standby, and the serving workers are untouched.
    await engine.accept([setPoint(1, 4, '2026-12-08T01:00:00Z')]);
    await engine.idle();
    expect(await driver.status()).toEqual({ active: 1, standby: 3, holds: 4 });
    const warm = driver.workerIds('standby');
    // The manager activates two standby hosts without refilling (total still 4): they come from the warm ones.
    await engine.accept([setPoint(3, 4, '2026-12-08T01:01:00Z')]);
    await engine.idle();
    await driver.settled();
    expect(await driver.status()).toEqual({ active: 3, standby: 1, holds: 4 });
    expect(driver.workerIds('serving').filter((id) => warm.includes(id))).toHaveLength(2);
    expect(driver.workerIds()).toHaveLength(4);
  });

  it('a restarted webhook takes up the last total its intent log recorded, not the configured standby', async () => {
    const engine = await engineFor();
    await engine.accept([setPoint(1, 4, '2026-12-08T01:00:00Z')]);
    await engine.idle();
    await log!.close();
    await driver.close();
    // The restart: a new driver starts at its configured count; the log gives the total back.
    await startDriver();
    expect(await driver.status()).toEqual({ active: 1, standby: 1, holds: 2 });
    const reopened = await IntentLog.open(path.join(dir, 'intents.jsonl'), memoryLogger());
    log = reopened.log;
    expect(await restoreHeldTotals(reopened.records, poolsOf(driver), () => undefined, memoryLogger())).toBe(1);
    expect(await driver.status()).toEqual({ active: 1, standby: 3, holds: 4 });
  });

  it('the last total is that of the newest decision (its alert started last), not of the last delivery', () => {
    const sp = (at: number, startsAt: number, poolHosts: number): Intent => ({ accepted: { type: 'accepted', id: String(at), at, key: String(at), pool: 'web', action: 'set_hosts', amount: { target: 1 }, fingerprint: '0123456789abcdef', startsAt, poolHosts } });
    expect(latestTotals([sp(10, 2, 5), sp(20, 1, 7)]).get('web')).toBe(5);
    expect(latestTotals([sp(10, 1, 5), sp(20, 1, 7)]).get('web')).toBe(7);
  });

  it('a dry run holds nothing', async () => {
    const engine = await engineFor(true);
    await engine.accept([setPoint(1, 4, '2026-12-08T01:00:00Z')]);
    await engine.idle();
    expect(await driver.status()).toEqual({ active: 1, standby: 1, holds: 2 });
  });
});
