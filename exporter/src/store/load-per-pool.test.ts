import { parsePoolModel, poolLoadFilter } from '@shadowfleet/models';
import { DuckDbEventStore } from './duckdb-store';
import type { IncomingEvent } from './types';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const STEP = 10_000;
const q = { fromMs: T0, toMs: T0 + 3 * STEP, stepMs: STEP, unit: 'requests' } as const;
const pool = (serves?: Record<string, string[]>) => ({ driver: 'local', max: 4, hostCapacity: 1, ...(serves ? { serves } : {}) });
// A value with SQL in it: bound as a parameter, it is only ever a value.
const TRICKY = "x') OR true OR (action = 'y";

const event = (step: number, action: string, dataType?: string): IncomingEvent => ({
  userId: 'u',
  sessionId: 's',
  timestamp: T0 + step * STEP + 1,
  action,
  error: false,
  ...(dataType ? { dataType } : {}),
});

describe("a pool's load per step, filtered in DuckDB by its serves selector", () => {
  let store: DuckDbEventStore;
  beforeEach(async () => {
    store = await DuckDbEventStore.open({ path: ':memory:' });
    await store.append([
      event(0, 'view', 'html'),
      event(0, 'view', 'html'),
      event(0, 'search', 'json'),
      event(1, 'search', 'json'),
      event(1, 'suggest'),
      event(1, 'upload', 'image'),
      event(2, 'view'),
      event(2, TRICKY, 'image'),
    ]);
  });
  afterEach(() => store.close());

  const loads = async (raw: Record<string, unknown>): Promise<Record<string, number[]>> => {
    const model = parsePoolModel({ complexityUnit: 'requests', pools: raw });
    const out: Record<string, number[]> = {};
    for (const name of Object.keys(model.pools)) {
      const filter = poolLoadFilter(model, name);
      out[name] = await store.loadPerStep(filter ? { ...q, filter } : q);
    }
    return out;
  };

  it('two pools by action get their own loads, which add up to the site’s', async () => {
    const site = await store.loadPerStep(q);
    expect(site).toEqual([3, 3, 2]);
    const byPool = await loads({ web: pool(), search: pool({ action: ['search', 'suggest'] }) });
    expect(byPool).toEqual({ web: [2, 1, 2], search: [1, 2, 0] });
    expect(byPool.web.map((v, i) => v + byPool.search[i])).toEqual(site);
  });

  it('the requests per user (the capacity classes’ profile mix) are the pool’s too', async () => {
    const model = parsePoolModel({ complexityUnit: 'requests', pools: { web: pool(), search: pool({ action: ['search', 'suggest'] }) } });
    expect(await store.requestsByUser(q.fromMs, q.toMs)).toEqual(new Map([['u', 8]]));
    expect(await store.requestsByUser(q.fromMs, q.toMs, poolLoadFilter(model, 'search'))).toEqual(new Map([['u', 3]]));
    expect(await store.requestsByUser(q.fromMs, q.toMs, poolLoadFilter(model, 'web'))).toEqual(new Map([['u', 5]]));
  });

  it('by data_type: events without one count in the pool without serves', async () => {
    const byPool = await loads({ web: pool(), images: pool({ data_type: ['image'] }), api: pool({ data_type: ['json'] }) });
    expect(byPool).toEqual({ web: [2, 1, 1], images: [0, 1, 1], api: [1, 1, 0] });
  });

  it('a selector value is bound, never SQL: a value with quotes matches only itself', async () => {
    const byPool = await loads({ web: pool(), odd: pool({ action: [TRICKY] }) });
    expect(byPool).toEqual({ web: [3, 3, 1], odd: [0, 0, 1] });
  });

  it('says which selector values the events took (bound values: the quoted one matches only itself)', async () => {
    expect(await store.valuesSeen('action', ['search', 'serach', TRICKY, "x'"], q.fromMs, q.toMs)).toEqual(new Set(['search', TRICKY]));
    expect(await store.valuesSeen('data_type', ['image', 'json'], q.fromMs, q.fromMs + STEP)).toEqual(new Set(['json']));
  });

  it('one pool takes every event: the same series as the site’s', async () => {
    expect(await loads({ web: pool() })).toEqual({ web: await store.loadPerStep(q) });
  });
});
