import { DEFAULT_POLICY, parsePoolModel, type Policy, type PoolModel } from '@shadowfleet/models';
import type { PolicyVersion } from '../policy/store';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { IncomingEvent } from '../store/types';
import { ManagerService } from './manager-service';
import { poolLoad, unmatchedServes } from './pool-load';

const STEP_S = 10;
const STEPS = 300;
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const policy: PolicyVersion = { version: 1, at: '', by: 'test', source: 'api', policy: structuredClone(DEFAULT_POLICY) as Policy, sources: {}, changes: [] };
const pool = (extra: Record<string, unknown> = {}) => ({ driver: 'haproxy', min: 1, max: 200, hostCapacity: 1, coldStartSeconds: 30, activationSeconds: 10, ...extra });

/** About `perStep` requests of `action` in every step before NOW, noisy (a fixed seed per action). */
function traffic(action: string, perStep: number, seed: number): IncomingEvent[] {
  const out: IncomingEvent[] = [];
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < STEPS; i++) {
    const n = Math.round(perStep * (0.7 + 0.6 * rand()));
    const start = NOW - (STEPS - i) * STEP_S * 1000;
    for (let k = 0; k < n; k++) out.push({ userId: `${action}-${k % 30}`, sessionId: `${action}-${k % 30}`, timestamp: start + Math.floor((k * STEP_S * 1000) / n), action, error: false });
  }
  return out;
}

describe('two pools, each sized for the traffic it serves', () => {
  let store: DuckDbEventStore;
  beforeAll(async () => {
    store = await DuckDbEventStore.open({ path: ':memory:' });
    // A web tier (pages) and a search tier behind their own backends: 3× as much web as search.
    await store.append([...traffic('view', 60, 7), ...traffic('search', 20, 11), ...traffic('suggest', 10, 13)]);
  });
  afterAll(() => store.close());

  const decide = async (pools: PoolModel) => {
    const service = new ManagerService({ pools, policy: () => policy, load: poolLoad(store, pools), stepSeconds: STEP_S, historySteps: 400, now: () => NOW });
    await service.tick();
    return Object.fromEntries(service.latest().map((d) => [d.pool, { d, values: service.history(d.pool)!.values }]));
  };

  it('each pool learns its own load; the loads add up to the site’s, and so do the hosts', async () => {
    const site = await decide(parsePoolModel({ complexityUnit: 'requests', pools: { web: pool() } }));
    const split = await decide(parsePoolModel({ complexityUnit: 'requests', pools: { web: pool(), search: pool({ serves: { action: ['search', 'suggest'] } }) } }));
    const { web, search } = split;
    // The loads: per step, web + search = the site's (every event in exactly one pool).
    expect(web.values.length).toBe(STEPS);
    expect(search.values.length).toBe(STEPS);
    expect(web.values.map((v, i) => v + search.values[i])).toEqual(site.web.values);
    const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(web.values)).toBeCloseTo(60, -1);
    expect(mean(search.values)).toBeCloseTo(30, -1);
    expect(search.d.load.last_step).toBe(search.values[STEPS - 1]);
    // The sizes: each pool's forecast and hosts follow its own traffic, not the site's.
    const serving = (p: typeof web) => p.d.desired.serving;
    expect(serving(search)).toBeLessThan(serving(web));
    expect(search.d.forecast!.value).toBeLessThan(web.d.forecast!.value);
    expect(web.d.forecast!.value).toBeLessThan(site.web.d.forecast!.value);
    // Sized for the whole site each, the two pools would hold about 2× the hosts; split, about 1× (rounding up per pool).
    expect(serving(web) + serving(search)).toBeLessThanOrEqual(serving(site.web) * 1.25);
    expect(serving(web) + serving(search)).toBeGreaterThanOrEqual(serving(site.web) * 0.8);
  });

  it('warns of a serves value no stored event took, naming the field (a typo sends its traffic to the other pool)', async () => {
    const pools = parsePoolModel({ complexityUnit: 'requests', pools: { web: pool(), search: pool({ serves: { action: ['search', 'Suggest', 'suggest'] } }) } });
    const from = NOW - STEPS * STEP_S * 1000;
    const warnings = await unmatchedServes(store, pools, from, NOW);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^pools\.search\.serves\.action\.1: "Suggest" matched none of the \d+ events of the last 50 min \(values are exact and case-sensitive\), so pool search gets no load from it$/);
    // A store without events in the window (a fresh install) warns of nothing.
    expect(await unmatchedServes(store, pools, NOW, NOW + 3_600_000)).toEqual([]);
  });
});
