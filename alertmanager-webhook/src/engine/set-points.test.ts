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
import type { EngineLimits, PoolRuntime } from './types';

const limits: EngineLimits = { dryRun: false, maxConcurrentActions: 2, maxQueuedActions: 100, rateLimit: { maxChanges: 100, windowSeconds: 60 }, actionTimeoutSeconds: 10, intentMaxAgeSeconds: 3600 };

/** The resource manager's set-point, as the shipped rule ShadowfleetSetHosts sends it (target in a label). */
const setPoint = (target: number, startsAt: string, status: 'firing' | 'resolved' = 'firing') =>
  makeAlert({ shadowfleet_action: 'set_hosts', pool: 'web', tier: '2', target: String(target) }, { startsAt, status, fingerprint: `00000000000000${target.toString(16).padStart(2, '0')}` });

describe('set_hosts set-points', () => {
  let dir: string;
  let clock: ManualClock;
  const opened: IntentLog[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-setpoint-'));
    clock = new ManualClock();
  });
  afterEach(async () => {
    for (const l of opened.splice(0)) await l.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function setup(driver: MemoryDriver, config: Partial<PoolConfig> = {}) {
    const { log } = await IntentLog.open(path.join(dir, 'intents.jsonl'), memoryLogger());
    opened.push(log);
    const pool: PoolConfig = { driver: 'memory', min: 1, max: 10, cooldownSeconds: 0, scaleBack: { enabled: true, delaySeconds: 300 }, options: {}, ...config };
    const runtimes = new Map<string, PoolRuntime>([['web', { name: 'web', driver, config: pool }]]);
    const registry = new Registry();
    const metrics = new WebhookMetrics(registry, { poolSizes: async () => [], queuedIntents: () => 0 });
    const engine = new ActionEngine({ limits, pools: runtimes, log, metrics, clock, logger: memoryLogger() });
    engine.begin();
    return engine;
  }

  it('moves the pool to the target, and a resolution changes nothing (no scale-back)', async () => {
    const web = new MemoryDriver(2);
    const engine = await setup(web);
    await engine.accept([setPoint(5, '2026-12-01T10:00:00Z')]);
    await engine.idle();
    expect(web.active).toBe(5);
    const resolved = await engine.accept([setPoint(5, '2026-12-01T10:00:00Z', 'resolved')]);
    expect(resolved[0]).toMatchObject({ outcome: 'skipped', reason: 'set_point_resolved' });
    clock.advance(600_000);
    await engine.idle();
    expect(web.active).toBe(5);
  });

  it('applies only the newest of several set-points, whatever order they arrive in', async () => {
    const web = new MemoryDriver(2);
    const engine = await setup(web);
    // One notification with the newer target first; then the older one redelivered.
    const results = await engine.accept([setPoint(6, '2026-12-01T10:05:00Z'), setPoint(4, '2026-12-01T10:00:00Z')]);
    await engine.idle();
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    expect(web.active).toBe(6);
    expect(web.applies).toEqual([expect.objectContaining({ from: 2, to: 6 })]);
  });

  it('defers a set-point that meets the cooldown instead of dropping it', async () => {
    const web = new MemoryDriver(2);
    const engine = await setup(web, { cooldownSeconds: 60 });
    await engine.accept([setPoint(3, '2026-12-01T10:00:00Z')]);
    await engine.idle();
    clock.advance(10_000);
    await engine.accept([setPoint(7, '2026-12-01T10:00:10Z')]);
    await engine.idle();
    expect(web.active).toBe(3); // still cooling down
    clock.advance(50_000);
    await engine.idle();
    expect(web.active).toBe(7);
  });
});
