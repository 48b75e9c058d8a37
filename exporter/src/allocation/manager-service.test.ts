import { DEFAULT_POLICY, parsePoolModel, type Policy, type PoolModel } from '@shadowfleet/models';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { PolicyVersion } from '../policy/store';
import type { IncomingEvent } from '../store/types';
import { ManagerService } from './manager-service';

const STEP_S = 10;
const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const pools = (hostCapacity: number, extra: Record<string, unknown> = {}): PoolModel =>
  parsePoolModel({ complexityUnit: 'requests', pools: { web: { driver: 'haproxy', min: 1, max: 50, hostCapacity, coldStartSeconds: 30, activationSeconds: 10, ...extra } } });
const version = (v: number, patch: (p: Policy) => void = () => undefined): PolicyVersion => {
  const policy = structuredClone(DEFAULT_POLICY) as Policy;
  patch(policy);
  return { version: v, at: '', by: 'test', source: 'api', policy, sources: {}, changes: [] };
};

/** Noisy load: about `mean` requests per step, spread over the step, for `steps` steps before `endMs`. */
function events(endMs: number, steps: number, mean: (i: number) => number): IncomingEvent[] {
  const out: IncomingEvent[] = [];
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < steps; i++) {
    const n = Math.round(mean(i) * (0.5 + rand()));
    const start = endMs - (steps - i) * STEP_S * 1000;
    for (let k = 0; k < n; k++) out.push({ userId: `u${k % 40}`, sessionId: `s${k % 40}-${Math.floor(i / 30)}`, timestamp: start + Math.floor((k * STEP_S * 1000) / n), action: 'view', error: false });
  }
  return out;
}

describe('the resource manager service', () => {
  let store: DuckDbEventStore;
  beforeEach(async () => (store = await DuckDbEventStore.open({ path: ':memory:' })));
  afterEach(() => store.close());

  it('aggregates the load per step in DuckDB (steps without events are 0)', async () => {
    await store.append([
      { userId: 'a', sessionId: 's', timestamp: T0 + 1000, action: 'x', error: false, bytes: 2048 },
      { userId: 'a', sessionId: 's', timestamp: T0 + 9999, action: 'x', error: false, bytes: 1024 },
      { userId: 'a', sessionId: 's', timestamp: T0 + 25_000, action: 'x', error: false },
    ]);
    const q = { fromMs: T0, toMs: T0 + 40_000, stepMs: 10_000 } as const;
    expect(await store.loadPerStep({ ...q, unit: 'requests' })).toEqual([2, 0, 1, 0]);
    expect(await store.loadPerStep({ ...q, unit: 'kib' })).toEqual([3, 0, 0, 0]);
  });

  it('decides each step from the policy in force, and a new policy version changes the next decision', async () => {
    const now = T0;
    await store.append(events(now, 300, () => 60));
    let policy = version(1);
    const service = new ManagerService({ pools: pools(1), policy: () => policy, load: (q) => store.loadPerStep(q), stepSeconds: STEP_S, historySteps: 400, now: () => now });
    await service.tick();
    const first = service.latest()[0];
    expect(first).toMatchObject({ pool: 'web', policy_version: 1, strategy: 'tiered', at: new Date(T0).toISOString(), load: { unit: 'requests', history_steps: 300 } });
    expect(first.capacity).toMatchObject({ per_host: 1, configured: 1, source: 'configured', learned: null, unit: 'requests/s' });
    // About 6 requests per second at 1 request per second per host: the serving target is above the mean.
    expect(first.desired.serving).toBeGreaterThan(6);
    expect(first.desired.by_tier['2']).toBeGreaterThanOrEqual(first.desired.by_tier['1']);
    expect(first.explanation[0]).toMatch(/^reactive: \d+ host\(s\) for the last step's [\d.]+ requests\/s at 1 requests\/s per host$/);
    await service.tick(); // same step: nothing new
    expect(service.decisions()).toHaveLength(1);

    policy = version(2, (p) => (p.targets.servingQuantile = 0.5));
    await service.tick();
    const second = service.latest()[0];
    expect(second.policy_version).toBe(2);
    expect(second.forecast!.quantile).toBe(0.5);
    expect(second.desired.serving).toBeLessThan(first.desired.serving);
    expect(service.decisions().map((d) => d.policy_version)).toEqual([2, 1]);
  });

  it('advances one step per interval with only the new steps read, and keeps within the pool bounds', async () => {
    let now = T0;
    await store.append(events(T0 + 50 * STEP_S * 1000, 350, (i) => (i < 300 ? 20 : 400)));
    const loads: number[] = [];
    const service = new ManagerService({
      pools: pools(1),
      policy: () => version(1),
      load: async (q) => (loads.push((q.toMs - q.fromMs) / (STEP_S * 1000)), store.loadPerStep(q)),
      stepSeconds: STEP_S,
      historySteps: 400,
      now: () => now,
    });
    await service.tick();
    for (let i = 1; i <= 50; i++) {
      now = T0 + i * STEP_S * 1000;
      await service.tick();
    }
    expect(loads).toEqual([400, ...Array(50).fill(1)]);
    const last = service.latest()[0];
    expect(last.desired.serving).toBe(50); // the surge needs about 40 per second: bounded by the pool's max of 50
    expect(service.decisions(200)).toHaveLength(51);
  });

  it('learns the capacity per host from the observed fleet, with the configured one as the prior', async () => {
    let now = T0;
    await store.append(events(T0 + 400 * STEP_S * 1000, 800, () => 40));
    // The real hosts serve 2 requests per second at full utilisation; the pool model says 1.
    const service = new ManagerService({
      pools: pools(1),
      policy: () => version(1),
      load: (q) => store.loadPerStep(q),
      // What a CPU metric of 4 such hosts shows for the last step's requests.
      observe: async () => {
        const [n] = await store.loadPerStep({ fromMs: now - STEP_S * 1000, toMs: now, stepMs: STEP_S * 1000, unit: 'requests' });
        return { serving: 4, standby: 0, utilisation: n / (4 * 2 * STEP_S), source: 'test' };
      },
      stepSeconds: STEP_S,
      historySteps: 400,
      now: () => now,
    });
    for (let i = 0; i <= 400; i++) {
      now = T0 + i * STEP_S * 1000;
      await service.tick();
    }
    const d = service.latest()[0];
    expect(d.fleet.observed).toMatchObject({ serving: 4, source: 'test' });
    expect(d.capacity.source).toBe('learned');
    expect(d.capacity.configured).toBe(1);
    expect(d.capacity.learned!).toBeGreaterThan(1.5);
    expect(d.capacity.learned!).toBeLessThan(2.6);
  });

  it('splits the forecast into the pool model capacity classes by the observed profile mix of the last hour', async () => {
    await store.append(events(T0, 300, () => 30));
    const asked: Array<[number, number]> = [];
    const service = new ManagerService({
      pools: pools(1, { capacityClasses: { profiles: { 'power users': 'dedicated' }, defaultClass: 'best_effort' } }),
      policy: () => version(1),
      load: (q) => store.loadPerStep(q),
      // What the module folds from store.requestsByUser and the profiles: a quarter of the requests from power users.
      mix: async (fromMs, toMs) => (asked.push([fromMs, toMs]), { 'power users': 25, 'casual browsers': 75 }),
      stepSeconds: STEP_S,
      historySteps: 400,
      now: () => T0,
    });
    await service.tick();
    expect(asked).toEqual([[T0 - 3_600_000, T0]]);
    const classes = service.latest()[0].capacity_classes!;
    expect(classes.shares).toEqual({ 'power users': 0.25, 'casual browsers': 0.75 });
    expect(classes.pools.map((p) => [p.pool, p.profiles])).toEqual([
      ['dedicated', ['power users']],
      ['best_effort', ['casual browsers']],
    ]);
  });

  it('counts requests per user in the store (the mix is folded from them)', async () => {
    await store.append([
      { userId: 'a', sessionId: 's', timestamp: T0 + 1, action: 'x', error: false },
      { userId: 'a', sessionId: 's', timestamp: T0 + 2, action: 'x', error: false },
      { userId: 'b', sessionId: 't', timestamp: T0 + 3, action: 'x', error: false },
      { userId: 'b', sessionId: 't', timestamp: T0 + 5000, action: 'x', error: false },
    ]);
    expect(await store.requestsByUser(T0, T0 + 1000)).toEqual(new Map([['a', 2], ['b', 1]]));
  });
});
