import { aggregateEvents, type BehaviourEvent, type UserAggregate } from '@shadowfleet/models';
import { DuckDbEventStore } from './duckdb-store';
import { queryUserAggregates } from './duckdb-profile-queries';
import type { IncomingEvent } from './types';

const GAP = 30 * 60_000;
const T0 = Date.UTC(2024, 4, 1, 22);

function randomEvents(n: number): IncomingEvent[] {
  let seed = 17;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const actions = ['home', 'search', 'cart', 'checkout'];
  const out: IncomingEvent[] = [];
  let t = T0;
  for (let i = 0; i < n; i++) {
    t += Math.floor(rnd() * 20) * 60_000; // gaps of 0..19 min, ties included
    const e: { -readonly [K in keyof IncomingEvent]: IncomingEvent[K] } = { userId: `u${Math.floor(rnd() * 5)}`, timestamp: t, action: actions[Math.floor(rnd() * 4)] };
    if (rnd() < 0.5) e.sessionId = `s${Math.floor(rnd() * 3)}`;
    if (rnd() < 0.3) e.durationMs = Math.floor(rnd() * 5000);
    if (rnd() < 0.3) e.status = rnd() < 0.5 ? 200 : 503;
    if (rnd() < 0.1) e.error = true;
    if (rnd() < 0.6) e.bytes = Math.floor(rnd() * 10_000);
    if (rnd() < 0.4) e.dataType = rnd() < 0.5 ? 'json' : 'gif';
    out.push(e);
  }
  return out;
}

const byUser = (a: UserAggregate[]): UserAggregate[] => [...a].sort((x, y) => (x.userId < y.userId ? -1 : 1));

describe('per-user aggregates in DuckDB SQL', () => {
  let store: DuckDbEventStore;
  beforeEach(async () => {
    store = await DuckDbEventStore.open({ path: ':memory:' });
  });
  afterEach(() => store.close());

  it('equal aggregateEvents over the same stored events (durations, gaps, ties, errors, hours)', async () => {
    await store.append(randomEvents(400));
    const stored: BehaviourEvent[] = [];
    for await (const chunk of store.iterateEvents({ order: 'time' })) stored.push(...chunk);
    const expected = aggregateEvents(stored, { maxGapMs: GAP, hourOffsetMinutes: -240 });
    const got = await queryUserAggregates(store, { maxGapMs: GAP, hourOffsetMinutes: -240 });
    expect(byUser(got)).toEqual(byUser(expected));
    expect(got.length).toBe(5);
  });

  it('reads one user only, with exact values', async () => {
    await store.append([
      { userId: 'a', sessionId: 's', timestamp: T0, action: 'home', bytes: 10 },
      { userId: 'a', sessionId: 's', timestamp: T0 + 5_000, action: 'search', status: 404, dataType: 'json' },
      { userId: 'b', sessionId: 't', timestamp: T0, action: 'home' },
    ]);
    const [a, ...rest] = await queryUserAggregates(store, { maxGapMs: GAP, userId: 'a' });
    expect(rest).toEqual([]);
    const hours = new Array<number>(24).fill(0);
    hours[22] = 2;
    expect(a).toEqual({
      userId: 'a', events: 2, sessions: 1, errors: 1, bytes: 10,
      actions: { home: 1, search: 1 }, actionMs: { home: 5_000, search: 0 },
      dataTypes: { json: 1 }, bigrams: { 'home → search': 1 }, hours,
    });
  });

  it('names a bad gap', async () => {
    await expect(queryUserAggregates(store, { maxGapMs: 0 })).rejects.toThrow('maxGapMs must be > 0, got 0');
  });
});
