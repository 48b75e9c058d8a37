import type { UserAggregate } from '@shadowfleet/models';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { EventStore } from '../store/types';
import { plantedEvents } from './planted.test-helpers';
import { storeAggregateSource } from './source';

async function collect(it: AsyncIterable<UserAggregate[]>): Promise<UserAggregate[]> {
  const out: UserAggregate[] = [];
  for await (const chunk of it) out.push(...chunk);
  return out;
}

describe('storeAggregateSource', () => {
  it('gives the same users from SQL and, for a store without SQL, from its event stream', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    await store.append(plantedEvents(5));
    // The EventStore interface alone: no streamRows, so the source falls back to iterateEvents.
    const plain: EventStore = {
      append: (e) => store.append(e),
      upsertUsers: (u) => store.upsertUsers(u),
      get pendingEvents() {
        return store.pendingEvents;
      },
      stats: () => store.stats(),
      prune: (n) => store.prune(n),
      iterateEvents: (q) => store.iterateEvents({ ...q, chunkRows: 7 }),
      userEvents: (u, s) => store.userEvents(u, s),
      loadPerStep: (q) => store.loadPerStep(q),
      requestsByUser: (a, b) => store.requestsByUser(a, b),
      valuesSeen: (f, v, a, b) => store.valuesSeen(f, v, a, b),
      getUser: (u) => store.getUser(u),
      close: () => store.close(),
    };
    const viaSql = await collect(storeAggregateSource(store, { sessionGapMinutes: 30 }).stream());
    const viaEvents = await collect(storeAggregateSource(plain, { sessionGapMinutes: 30 }).stream());
    expect(viaSql.map((u) => u.userId)).toEqual([...viaSql.map((u) => u.userId)].sort());
    expect(viaEvents).toEqual(viaSql);
    expect(await storeAggregateSource(plain, { sessionGapMinutes: 30 }).user('night-2')).toEqual(viaSql.find((u) => u.userId === 'night-2'));
    await store.close();
  });
});
