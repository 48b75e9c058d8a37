import { DuckDbEventStore } from '../store/duckdb-store';
import { historyFromStore } from './history';

const MIN = 60_000;

describe('historyFromStore (real DuckDB store, in memory)', () => {
  test('counts requests and sums complexity (cost, else bytes) per minute up to now', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    try {
      const t0 = Date.UTC(2026, 0, 5, 12, 0);
      await store.append([
        { userId: 'a', timestamp: t0 + 1000, action: 'search', bytes: 100 },
        { userId: 'b', timestamp: t0 + 2000, action: 'search', cost: 7, bytes: 999 },
        { userId: 'a', timestamp: t0 + 2 * MIN + 5, action: 'view' },
        { userId: 'a', timestamp: t0 + 10 * MIN, action: 'view', bytes: 5 }, // after now: not counted
      ]);
      const h = await historyFromStore(store, t0 + 4 * MIN + 30_000, 1, 'bytes');
      expect(h?.requests).toEqual({ startMs: t0, stepMs: MIN, values: [2, 0, 1, 0] });
      // In the pool model's one unit (KiB of response here): events without bytes add nothing.
      expect(h?.complexity?.values).toEqual([(100 + 999) / 1024, 0, 0, 0]);
      expect((await historyFromStore(store, t0 + 4 * MIN + 30_000, 1, 'cost'))?.complexity?.values).toEqual([7, 0, 0, 0]);
    } finally {
      await store.close();
    }
  });

  test("with a profile lookup: each hour's requests per profile (users the model does not know are left out)", async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    try {
      const t0 = Date.UTC(2026, 0, 5, 12, 0);
      await store.append([
        { userId: 'ann', timestamp: t0 + 1000, action: 'query' },
        { userId: 'ann', timestamp: t0 + 2000, action: 'query' },
        { userId: 'bob', timestamp: t0 + 3000, action: 'view' },
        { userId: 'new', timestamp: t0 + 4000, action: 'view' },
        { userId: 'bob', timestamp: t0 + 61 * MIN, action: 'view' },
      ]);
      const names: Record<string, string> = { ann: 'data analysts', bob: 'casual browsers' };
      const h = await historyFromStore(store, t0 + 90 * MIN, 1, 'bytes', (u) => names[u]);
      expect(h?.mix).toEqual([
        { startMs: t0, mix: { 'data analysts': 2, 'casual browsers': 1 } },
        { startMs: t0 + 60 * MIN, mix: { 'casual browsers': 1 } },
      ]);
      expect((await historyFromStore(store, t0 + 90 * MIN, 1, 'bytes'))?.mix).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  test('no events in the window: undefined; events without cost or bytes: no complexity', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    try {
      const t0 = Date.UTC(2026, 0, 5, 12, 0);
      expect(await historyFromStore(store, t0, 1, 'bytes')).toBeUndefined();
      await store.append([{ userId: 'a', timestamp: t0, action: 'view' }]);
      const h = await historyFromStore(store, t0 + 2 * MIN, 1, 'bytes');
      expect(h?.requests.values).toEqual([1, 0]);
      expect(h?.complexity).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
