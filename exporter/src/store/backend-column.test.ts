import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parsePoolModel, poolLoadFilter } from '@shadowfleet/models';
import { toIncoming, wireEventSchema } from '../ingest/wire-schema';
import { DuckDbEventStore } from './duckdb-store';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
// The events table as stores wrote it before the backend column (test data: the old file format).
const OLD_EVENTS_TABLE = `CREATE TABLE events (user_id VARCHAR NOT NULL, session_id VARCHAR NOT NULL, ts_ms BIGINT NOT NULL, action VARCHAR NOT NULL,
  data_type VARCHAR, duration_ms DOUBLE, status INTEGER, error BOOLEAN NOT NULL, bytes BIGINT, cost DOUBLE)`;

describe('the backend an event was served by', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'backend-column-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a store written before the column gets it when opened: old events have none, new ones are stored with theirs', async () => {
    const file = path.join(dir, 'events.duckdb');
    const old = await DuckDBInstance.create(file);
    const con = await old.connect();
    await con.run(OLD_EVENTS_TABLE);
    await con.run(`INSERT INTO events VALUES ('u', 's', ${T0 + 1}, '/a', 'html', NULL, 200, false, 100, NULL)`);
    con.closeSync();
    old.closeSync();

    const store = await DuckDbEventStore.open({ path: file });
    try {
      const wire = wireEventSchema.parse({ user_id: 'u', session_id: 's', timestamp: T0 + 2, action: '/search', backend: 'search' });
      await store.append([toIncoming(wire), { userId: 'u', sessionId: 's', timestamp: T0 + 3, action: '/b', error: false, backend: 'web' }]);
      expect((await store.userEvents('u')).map((e) => [e.action, e.backend])).toEqual([
        ['/a', undefined],
        ['/search', 'search'],
        ['/b', 'web'],
      ]);
      // A pool that serves backend "search"; the other takes the rest, events without a backend included.
      const model = parsePoolModel({ complexityUnit: 'requests', pools: { web: { driver: 'local', max: 2, hostCapacity: 1 }, search: { driver: 'local', max: 2, hostCapacity: 1, serves: { backend: ['search'] } } } });
      const q = { fromMs: T0, toMs: T0 + 1000, stepMs: 1000, unit: 'requests' } as const;
      expect(await store.loadPerStep({ ...q, filter: poolLoadFilter(model, 'search')! })).toEqual([1]);
      expect(await store.loadPerStep({ ...q, filter: poolLoadFilter(model, 'web')! })).toEqual([2]);
    } finally {
      await store.close();
    }
  });

  it('is checked at ingest like every field', () => {
    const r = wireEventSchema.safeParse({ user_id: 'u', timestamp: T0, action: '/a', backend: '' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['backend'], message: 'must not be empty' });
  });
});
