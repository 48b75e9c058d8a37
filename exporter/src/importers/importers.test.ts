import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BehaviourEvent } from '@shadowfleet/models';
import { sampleDataDir } from '../paths';
import { DuckDbEventStore } from '../store/duckdb-store';
import { detectFormat, formatByName } from './formats';
import { MSNBC_DAY_START_MS } from './msnbc';
import { runImport } from './run';
import { storeSink } from './sinks';

// DuckDB on a shared 2-core machine can be slow to open; the project jest config sets no timeout.
jest.setTimeout(30_000);

const sample = (...p: string[]) => path.join(sampleDataDir, ...p);
const NASA = sample('nasa-http-log-19950801', 'nasa_19950801_0200-0559.tsv.gz');
const EPA = sample('epa-http-log-19950830', 'epa-http_19950830_0000-0559.txt.gz');
const MSNBC = sample('msnbc', 'msnbc990928-first3000.seq.gz');
const SHOPPERS = sample('online-shoppers-intention', 'online_shoppers_intention_every25th.csv');

async function importInto(file: string, format?: string) {
  const store = await DuckDbEventStore.open({ path: ':memory:' });
  const summary = await runImport(file, format ? formatByName(format) : await detectFormat(file), storeSink(store), {}, 1000);
  return { store, summary };
}

async function all(store: DuckDbEventStore): Promise<BehaviourEvent[]> {
  const out: BehaviourEvent[] = [];
  for await (const c of store.iterateEvents()) out.push(...c);
  return out;
}

async function distinctUsers(store: DuckDbEventStore): Promise<number> {
  return (await store.query('SELECT count(DISTINCT user_id)::INT AS n FROM events'))[0]!.n as number;
}

describe('importers on the bundled samples', () => {
  it('detects each format from the first line', async () => {
    expect((await detectFormat(NASA)).name).toBe('nasa-tsv');
    expect((await detectFormat(EPA)).name).toBe('epa');
    expect((await detectFormat(MSNBC)).name).toBe('msnbc');
    expect((await detectFormat(SHOPPERS)).name).toBe('shoppers');
  });

  it('NASA TSV: every request, hosts as users, actions and data types from the URL', async () => {
    const { store, summary } = await importInto(NASA);
    expect(summary).toMatchObject({ format: 'nasa-tsv', events: 4343, users: 0, skipped: 0 });
    expect(await distinctUsers(store)).toBe(402);
    const events = await all(store);
    expect(events[0]).toMatchObject({
      userId: 'pppa006.compuserve.com',
      timestamp: 807256800_000,
      action: '/images',
      dataType: 'gif',
      status: 200,
      bytes: 1713,
      error: false,
    });
    expect(events.filter((e) => e.error).every((e) => (e.status ?? 0) >= 400)).toBe(true);
    const actions = new Set(events.map((e) => e.action));
    expect(actions.size).toBeLessThan(150); // bounded by the site's top two directory levels
    await store.close();
  });

  it('EPA log: [DD:HH:MM:SS] stamps read as August 1995, EDT; "-" bytes left out', async () => {
    const { store, summary } = await importInto(EPA);
    expect(summary).toMatchObject({ format: 'epa', events: 2486, skipped: 0 });
    expect(await distinctUsers(store)).toBe(172);
    const events = await all(store);
    expect(events[0]).toMatchObject({ userId: 'port11.annex1.naples.net', timestamp: Date.parse('1995-08-30T00:00:00-04:00'), action: '/', dataType: 'dir', bytes: 4889 });
    expect(events.filter((e) => e.bytes === undefined)).toHaveLength(310);
    await store.close();
  });

  it('MSNBC .seq: one user and session per sequence, category names as actions, order kept', async () => {
    const { store, summary } = await importInto(MSNBC);
    expect(summary).toMatchObject({ format: 'msnbc', events: 21790, skipped: 0 });
    expect(await distinctUsers(store)).toBe(3000);
    // third sequence of the file: "3 2 2 4 2 2 2 3 3"
    const third = await store.userEvents('msnbc-2');
    expect(third.map((e) => e.action)).toEqual(['tech', 'news', 'news', 'local', 'news', 'news', 'news', 'tech', 'tech']);
    expect(third.map((e) => e.timestamp - MSNBC_DAY_START_MS)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]);
    expect(new Set(third.map((e) => e.sessionId))).toEqual(new Set(['msnbc-2']));
    await store.close();
  });

  it('online shoppers CSV: page views as events, session traits as user attributes', async () => {
    const { store, summary } = await importInto(SHOPPERS);
    expect(summary).toMatchObject({ format: 'shoppers', events: 17417, users: 494, skipped: 0 });
    const first = await store.userEvents('shopper-1'); // 0,0,0,0,1,0,… : one product page, 0 s
    expect(first).toEqual([{ userId: 'shopper-1', sessionId: 'shopper-1', timestamp: Date.UTC(2000, 1, 1), action: 'product_related', dataType: 'page', durationMs: 0, error: false }]);
    expect(await store.getUser('shopper-1')).toMatchObject({ attributes: { visitor_type: 'Returning_Visitor', revenue: false, bounce_rate: 0.2, exit_rate: 0.2 } });
    expect((await store.stats()).users).toBe(494);
    await store.close();
  });
});

describe('generic importers', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sf-import-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('CSV with the API field names (gzip too), skipping bad rows with the reason', async () => {
    const csv = ['user_id,timestamp,action,status,bytes,error', 'a,2024-05-01T00:00:00Z,login,200,10,', 'b,1714521600,search,,,true', 'c,never,x,200,1,false', ''].join('\n');
    const file = path.join(dir, 'events.csv.gz');
    writeFileSync(file, gzipSync(csv));
    const { store, summary } = await importInto(file);
    expect(summary).toMatchObject({ format: 'csv', events: 2, skipped: 1 });
    expect(summary.skippedExamples[0]).toEqual({ line: 4, reason: expect.stringMatching(/^timestamp: must be an ISO 8601 date-time/) });
    expect((await store.userEvents('b'))[0]).toMatchObject({ timestamp: 1714521600_000, error: true });
    await store.close();
  });

  it('NDJSON in the wire format', async () => {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, '{"user_id":"a","timestamp":1714521600000,"action":"x","cost":2.5}\n{"user_id":"a"}\nnot json\n');
    const { store, summary } = await importInto(file);
    expect(summary).toMatchObject({ format: 'ndjson', events: 1, skipped: 2 });
    expect((await store.userEvents('a'))[0]).toMatchObject({ cost: 2.5 });
    await store.close();
  });

  it('names the formats when it cannot detect one', async () => {
    const file = path.join(dir, 'what.txt');
    writeFileSync(file, 'hello world\n');
    await expect(detectFormat(file)).rejects.toThrow(/cannot tell the format of .*what.txt from its first line; pass --format \(nasa-tsv, msnbc, shoppers, epa, clf, csv, ndjson\)/);
    expect(() => formatByName('xml')).toThrow('unknown import format "xml"; known: nasa-tsv, msnbc, shoppers, epa, clf, csv, ndjson');
  });

  it('Common Log Format with full dates and zones', async () => {
    const file = path.join(dir, 'access.log');
    writeFileSync(file, '10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326\n10.0.0.1 - - [10/Oct/2000:14:00:00 -0700] "POST /api/orders?id=3 HTTP/1.1" 500 -\n');
    const { store, summary } = await importInto(file);
    expect(summary).toMatchObject({ format: 'clf', events: 2 });
    expect(await store.userEvents('10.0.0.1')).toMatchObject([
      { timestamp: Date.parse('2000-10-10T13:55:36-07:00'), action: '/', dataType: 'gif', bytes: 2326, sessionId: `auto-${Date.parse('2000-10-10T13:55:36-07:00')}` },
      { action: '/api/orders', dataType: 'none', status: 500, error: true },
    ]);
    await store.close();
  });
});
