import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import type { PoolConfig } from '../config/schema';
import { IntentLog } from '../intents/log';
import { WebhookMetrics } from '../metrics/metrics';
import { makeAlert } from '../testing/alerts';
import { MemoryDriver } from '../testing/memory-driver';
import { ManualClock } from '../util/clock';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { ActionEngine } from './engine';
import { reconcile } from './reconcile';
import type { EngineLimits, PoolRuntime } from './types';

const limits: EngineLimits = { dryRun: false, maxConcurrentActions: 2, maxQueuedActions: 100, rateLimit: { maxChanges: 100, windowSeconds: 60 }, actionTimeoutSeconds: 10, intentMaxAgeSeconds: 3600 };
const poolConfig = (over: Partial<PoolConfig> = {}): PoolConfig => ({ driver: 'memory', min: 1, max: 10, cooldownSeconds: 0, scaleBack: { enabled: true, delaySeconds: 300 }, options: {}, ...over });

describe('action engine', () => {
  let dir: string;
  let clock: ManualClock;
  let registry: Registry;
  const opened: IntentLog[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-engine-'));
    clock = new ManualClock();
  });
  afterEach(async () => {
    for (const l of opened.splice(0)) await l.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function setup(pools: Record<string, { driver: MemoryDriver; config?: Partial<PoolConfig> }>, over: Partial<EngineLimits> = {}) {
    const { log, records } = await IntentLog.open(path.join(dir, 'intents.jsonl'), memoryLogger());
    opened.push(log);
    const runtimes = new Map<string, PoolRuntime>(Object.entries(pools).map(([name, p]) => [name, { name, driver: p.driver, config: poolConfig(p.config) }]));
    registry = new Registry();
    const ref: { engine?: ActionEngine } = {};
    const metrics = new WebhookMetrics(registry, { poolSizes: async () => [], queuedIntents: () => ref.engine?.queuedIntents() ?? 0 });
    const engine = new ActionEngine({ limits: { ...limits, ...over }, pools: runtimes, log, metrics, clock, logger: memoryLogger() });
    ref.engine = engine;
    const summary = await reconcile(records, { engine, pools: runtimes, now: clock.now(), maxAgeMs: 3600_000, actionTimeoutMs: 10_000, logger: memoryLogger() });
    engine.begin();
    return { engine, log, summary };
  }
  const counter = async (name: string, labels: Record<string, string>) => (await registry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val))?.value ?? 0;

  it('applies an accepted alert once, however often Alertmanager redelivers it', async () => {
    const web = new MemoryDriver(2);
    const { engine } = await setup({ web: { driver: web } });
    const alert = makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' }, { annotations: { count: '2' } });
    const first = await engine.accept([alert]);
    const again = await Promise.all([engine.accept([alert]), engine.accept([alert, alert])]);
    await engine.idle();
    expect(first[0]).toMatchObject({ outcome: 'accepted' });
    expect(again.flat().map((r) => r.reason)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(web.applies).toEqual([expect.objectContaining({ from: 2, to: 4 })]);
    expect(await counter('shadowfleet_webhook_alerts_skipped_total', { reason: 'duplicate' })).toBe(3);
    expect(await counter('shadowfleet_webhook_actions_total', { pool: 'web', action: 'activate_shadow', outcome: 'applied' })).toBe(1);
  });

  it('keeps exactly-once across a restart: the reopened log still knows the alert', async () => {
    const web = new MemoryDriver(1);
    const alert = makeAlert({ shadowfleet_action: 'scale_by', pool: 'web' }, { annotations: { count: '3' } });
    const first = await setup({ web: { driver: web } });
    await first.engine.accept([alert]);
    await first.engine.idle();
    await first.log.close();
    const second = await setup({ web: { driver: web } });
    expect(await second.engine.accept([alert])).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'duplicate' })]);
    await second.engine.idle();
    expect(web.applies).toHaveLength(1);
    expect(web.active).toBe(4);
  });

  it('clamps to the pool bounds and reports a no-op at the bound', async () => {
    const web = new MemoryDriver(8);
    const { engine } = await setup({ web: { driver: web, config: { max: 9 } } });
    await engine.accept([makeAlert({ shadowfleet_action: 'scale_to', pool: 'web' }, { annotations: { target: '50' } })]);
    await engine.idle();
    await engine.accept([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })]);
    await engine.idle();
    expect(web.active).toBe(9);
    const outcomes = [...engine.intents.values()].map((i) => [i.finished?.outcome, i.finished?.detail]);
    expect(outcomes[0]).toEqual(['applied', 'clamped (asked 50, pool bounds 1..9)']);
    expect(outcomes[1]).toEqual(['noop', 'pool already at 9 (asked 10, pool bounds 1..9)']);
  });

  it('skips changes during the pool cooldown and lets a redelivery through afterwards', async () => {
    const web = new MemoryDriver(1);
    const { engine } = await setup({ web: { driver: web, config: { cooldownSeconds: 60 } } });
    await engine.accept([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })]);
    await engine.idle();
    const second = makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' });
    await engine.accept([second]);
    await engine.idle();
    expect(web.active).toBe(2);
    expect([...engine.intents.values()][1]?.finished).toMatchObject({ outcome: 'skipped', reason: 'cooldown' });
    clock.advance(61_000);
    await engine.accept([second]);
    await engine.idle();
    expect(web.active).toBe(3);
  });

  it('limits changes per window across pools', async () => {
    const pools = { a: { driver: new MemoryDriver(1) }, b: { driver: new MemoryDriver(1) }, c: { driver: new MemoryDriver(1) } };
    const { engine } = await setup(pools, { rateLimit: { maxChanges: 2, windowSeconds: 60 } });
    for (const pool of ['a', 'b', 'c']) {
      await engine.accept([makeAlert({ shadowfleet_action: 'activate_shadow', pool })]);
      await engine.idle();
    }
    expect([pools.a.driver.active, pools.b.driver.active, pools.c.driver.active]).toEqual([2, 2, 1]);
    expect([...engine.intents.values()][2]?.finished).toMatchObject({ outcome: 'skipped', reason: 'rate_limited' });
  });

  it('runs at most maxConcurrentActions at once and one at a time per pool', async () => {
    const drivers = ['a', 'b', 'c', 'd'].map(() => new MemoryDriver(1));
    drivers.forEach((d) => d.hold());
    const { engine } = await setup(Object.fromEntries(drivers.map((d, i) => [`p${i}`, { driver: d }])));
    const alerts = drivers.flatMap((_, i) => [makeAlert({ shadowfleet_action: 'activate_shadow', pool: `p${i}` }), makeAlert({ shadowfleet_action: 'activate_shadow', pool: `p${i}` })]);
    await engine.accept(alerts);
    await new Promise((r) => setTimeout(r, 20));
    expect(drivers.reduce((n, d) => n + d.running, 0)).toBe(2);
    drivers.forEach((d) => d.release());
    await engine.idle();
    expect(drivers.map((d) => [d.maxRunning, d.active])).toEqual([[1, 3], [1, 3], [1, 3], [1, 3]]);
  });

  it('scales back after the delay when the alert resolves, exactly once', async () => {
    const web = new MemoryDriver(2);
    const { engine } = await setup({ web: { driver: web, config: { scaleBack: { enabled: true, delaySeconds: 300 } } } });
    const firing = makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' }, { annotations: { count: '3' } });
    await engine.accept([firing]);
    await engine.idle();
    const resolved = { ...firing, status: 'resolved' as const };
    expect(await engine.accept([resolved])).toEqual([expect.objectContaining({ outcome: 'accepted' })]);
    expect(await engine.accept([resolved])).toEqual([expect.objectContaining({ reason: 'duplicate' })]);
    clock.advance(299_000);
    await engine.idle();
    expect(web.active).toBe(5);
    clock.advance(1_000);
    await engine.idle();
    expect(web.active).toBe(2);
    expect(web.applies.map((p) => [p.from, p.to])).toEqual([[2, 5], [5, 2]]);
  });

  it('skips a resolved alert whose firing alert it never saw, naming the reason', async () => {
    const { engine } = await setup({ web: { driver: new MemoryDriver(2) } });
    const resolved = makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' }, { status: 'resolved' });
    expect(await engine.accept([resolved])).toEqual([expect.objectContaining({ outcome: 'skipped', reason: 'no_matching_action' })]);
  });

  it('records plans without calling the driver in dry-run mode', async () => {
    const web = new MemoryDriver(2);
    const { engine } = await setup({ web: { driver: web } }, { dryRun: true });
    await engine.accept([makeAlert({ shadowfleet_action: 'scale_to', pool: 'web' }, { annotations: { target: '6' } })]);
    await engine.idle();
    expect(web.applies).toHaveLength(0);
    expect([...engine.intents.values()][0]).toMatchObject({ planned: { from: 2, to: 6, dryRun: true }, finished: { outcome: 'dry_run' } });
  });

  it('answers 503-worthy RetryLater when the queue is full, recording nothing', async () => {
    const web = new MemoryDriver(1);
    web.hold();
    const { engine } = await setup({ web: { driver: web } }, { maxQueuedActions: 2 });
    await engine.accept([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' }), makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })]);
    await expect(engine.accept([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })])).rejects.toThrow('maxQueuedActions 2');
    web.release();
    await engine.idle();
    expect(engine.intents.size).toBe(2);
  });

  it('an action whose driver hangs past actionTimeoutSeconds ends uncertain (dedupe key kept) and frees the pool', async () => {
    const web = new MemoryDriver(1);
    web.hold();
    web.ignoreSignal = true;
    const { engine } = await setup({ web: { driver: web } }, { actionTimeoutSeconds: 0.05 });
    await engine.accept([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })]);
    await engine.idle();
    const finished = [...engine.intents.values()][0]?.finished;
    expect(finished).toMatchObject({ outcome: 'uncertain', active: 1 });
    expect(finished?.detail).toMatch(/^the driver did not finish within actionTimeoutSeconds; .*so the alert stays deduplicated$/);
    web.release();
    web.ignoreSignal = false;
    await engine.accept([makeAlert({ shadowfleet_action: 'scale_to', pool: 'web' }, { annotations: { target: '4' } })]);
    await engine.idle();
    expect(web.active).toBe(4);
  });

  it('drains: waits for a running action, refuses new alerts, aborts at the deadline', async () => {
    const web = new MemoryDriver(1);
    web.hold();
    const { engine } = await setup({ web: { driver: web } });
    await engine.accept([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })]);
    const draining = engine.drain(50);
    await expect(engine.accept([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })])).rejects.toThrow('shutting down');
    expect(await draining).toEqual({ finished: false, interrupted: 1, leftQueued: 0 });
    const intent = [...engine.intents.values()][0]!;
    expect(intent.planned).toBeDefined();
    expect(intent.finished).toBeUndefined();
  });
});
