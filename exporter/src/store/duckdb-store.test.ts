import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BehaviourEvent } from '@shadowfleet/models';
import { DuckDbEventStore } from './duckdb-store';
import type { IncomingEvent } from './types';

// DuckDB on a shared 2-core machine can be slow to open; the project jest config sets no timeout.
jest.setTimeout(30_000);

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2024, 4, 1);

function ev(userId: string, minute: number, extra: Partial<IncomingEvent> = {}): IncomingEvent {
  return { userId, timestamp: T0 + minute * MIN, action: 'search', ...extra };
}

async function collect(it: AsyncIterable<BehaviourEvent[]>): Promise<BehaviourEvent[]> {
  const all: BehaviourEvent[] = [];
  for await (const chunk of it) all.push(...chunk);
  return all;
}

describe('DuckDbEventStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores every field and reads it back per user, session and time range', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    await store.append([
      ev('u1', 0, { sessionId: 's1', dataType: 'gif', durationMs: 12.5, status: 200, bytes: 1234, cost: 3.25 }),
      ev('u1', 1, { sessionId: 's1', status: 404 }),
      ev('u2', 2, { error: true }),
    ]);
    expect(await store.userEvents('u1', 's1')).toEqual([
      { userId: 'u1', sessionId: 's1', timestamp: T0, action: 'search', dataType: 'gif', durationMs: 12.5, status: 200, error: false, bytes: 1234, cost: 3.25 },
      { userId: 'u1', sessionId: 's1', timestamp: T0 + MIN, action: 'search', status: 404, error: true },
    ]);
    const ranged = await collect(store.iterateEvents({ fromMs: T0 + MIN, toMs: T0 + 3 * MIN }));
    expect(ranged.map((e) => [e.userId, e.timestamp])).toEqual([
      ['u1', T0 + MIN],
      ['u2', T0 + 2 * MIN],
    ]);
    expect(ranged[1]).toMatchObject({ sessionId: `auto-${T0 + 2 * MIN}`, error: true });
    expect((await store.stats()).events).toBe(3);
    await store.close();
  });

  it('streams large results in chunks of the requested size', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    const many = Array.from({ length: 5000 }, (_, i) => ev(`u${i % 7}`, i / 100));
    await store.append(many);
    const sizes: number[] = [];
    for await (const chunk of store.iterateEvents({ order: 'user', chunkRows: 2048 })) sizes.push(chunk.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(Math.max(...sizes)).toBeLessThan(2048 + 2048);
    await store.close();
  });

  it('streams every row while other queries run between its chunks (a stream has its own connection)', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    await store.append(Array.from({ length: 20_000 }, (_, i) => ev(`u${i % 11}`, i / 100)));
    let streamed = 0;
    for await (const chunk of store.iterateEvents({ order: 'user', chunkRows: 2048 })) {
      streamed += chunk.length;
      // What a scrape or a decision does meanwhile; on a shared connection DuckDB would end the stream here.
      expect((await store.stats()).events).toBe(20_000);
    }
    expect(streamed).toBe(20_000);
    await store.close();
  });

  it('closes while a stream is left unread, and the stream then ends', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    await store.append(Array.from({ length: 10_000 }, (_, i) => ev(`u${i % 5}`, i / 100)));
    const stream = store.iterateEvents({ chunkRows: 2048 })[Symbol.asyncIterator]();
    expect((await stream.next()).done).toBe(false);
    await stream.return?.(undefined); // the reader gives up: its connection is closed at once
    await store.close();
    await expect(store.stats()).rejects.toThrow('closed');
  });

  it('commits concurrent batches (grouped) and keeps each one whole', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    await Promise.all(Array.from({ length: 20 }, (_, b) => store.append(Array.from({ length: 100 }, (_, i) => ev(`b${b}`, i)))));
    expect((await store.stats()).events).toBe(2000);
    expect(store.pendingEvents).toBe(0);
    await store.close();
  });

  it('cuts sessions consistently across batches and across a restart', async () => {
    const file = path.join(dir, 'events.duckdb');
    let store = await DuckDbEventStore.open({ path: file });
    await store.append([ev('u', 0), ev('u', 20)]);
    await store.append([ev('u', 45)]); // 25 min after the last: same session
    await store.close();
    store = await DuckDbEventStore.open({ path: file });
    await store.append([ev('u', 70), ev('u', 120)]); // 25 min (same), then 50 min (new)
    const sessions = (await store.userEvents('u')).map((e) => e.sessionId);
    expect(sessions).toEqual([`auto-${T0}`, `auto-${T0}`, `auto-${T0}`, `auto-${T0}`, `auto-${T0 + 120 * MIN}`]);
    await store.close();
  });

  it('uses the configured inactivity gap', async () => {
    const store = await DuckDbEventStore.open({ path: ':memory:', sessionGapMinutes: 5 });
    await store.append([ev('u', 0), ev('u', 4), ev('u', 10)]);
    expect(new Set((await store.userEvents('u')).map((e) => e.sessionId)).size).toBe(2);
    await store.close();
  });

  it('prunes events older than the retention window, and nothing when retention is 0', async () => {
    const now = T0 + 10 * DAY;
    const keepAll = await DuckDbEventStore.open({ path: ':memory:' });
    await keepAll.append([ev('u', 0)]);
    expect(await keepAll.prune(now)).toBe(0);
    await keepAll.close();

    const store = await DuckDbEventStore.open({ path: ':memory:', retentionDays: 7 });
    await store.append([ev('old', 0), ev('edge', (3 * DAY) / MIN), ev('new', (9 * DAY) / MIN)]);
    expect(await store.prune(now)).toBe(1);
    const left = await collect(store.iterateEvents());
    expect(left.map((e) => e.userId)).toEqual(['edge', 'new']);
    await store.close();
  });

  it('upserts user attributes, last write wins', async () => {
    let t = 1000;
    const store = await DuckDbEventStore.open({ path: ':memory:', now: () => t });
    await store.upsertUsers([
      { userId: 'u1', attributes: { plan: 'free', seats: 1 } },
      { userId: 'u1', attributes: { plan: 'pro', seats: 3 } },
    ]);
    t = 5000;
    await store.upsertUsers([{ userId: 'u2', attributes: { beta: true } }]);
    expect(await store.getUser('u1')).toEqual({ userId: 'u1', attributes: { plan: 'pro', seats: 3 }, updatedAt: 1000 });
    expect(await store.getUser('u2')).toMatchObject({ attributes: { beta: true }, updatedAt: 5000 });
    expect(await store.getUser('nobody')).toBeUndefined();
    expect((await store.stats()).users).toBe(2);
    await store.close();
  });

  it('reports bytes on disk for a file store and refuses writes after close', async () => {
    const file = path.join(dir, 'events.duckdb');
    const store = await DuckDbEventStore.open({ path: file });
    await store.append([ev('u', 0)]);
    expect((await store.stats()).bytes).toBeGreaterThan(0);
    await store.close();
    await expect(store.append([ev('u', 1)])).rejects.toThrow('the store is closed');
  });
});
