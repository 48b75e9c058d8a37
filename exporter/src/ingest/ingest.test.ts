import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { silentLogger } from '@shadowfleet/service-kit';
import express from 'express';
import { Registry } from 'prom-client';
import { loadConfig } from '../config';
import { startExporter, type RunningExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { EventStore, IncomingEvent } from '../store/types';
import { INLINE_BELOW_BYTES } from './parse-pool';
import { ingestRouter } from './router';

// DuckDB on a shared 2-core machine can be slow to open; the project jest config sets no timeout.
jest.setTimeout(30_000);

const TOKEN = 'test-token-0123456789abcdef';
const T = '2024-05-01T12:00:00Z';
const good = (i: number) => ({ user_id: `u${i % 3}`, timestamp: Date.parse(T) + i * 1000, action: 'search', status: 200, bytes: 10 });
const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function start(overrides: Record<string, unknown> = {}, store?: EventStore): Promise<RunningExporter> {
  const config = loadConfig({}, { port: 0, dataDir: '/nonexistent', authToken: TOKEN, importSamples: false, ...overrides });
  return startExporter(config, { store: store ?? (await DuckDbEventStore.open({ path: ':memory:' })), logger: silentLogger() });
}

function post(ex: RunningExporter, body: string | Buffer, headers: Record<string, string> = {}, path = '/v1/events') {
  return fetch(`${ex.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TOKEN}`, ...headers },
  });
}

interface ApiBody {
  error?: string;
  message?: string;
  accepted?: number;
  errors?: Array<{ index: number; field: string | null; problem: string }>;
}
const json = (r: Response) => r.json() as Promise<ApiBody>;

async function metric(ex: RunningExporter, line: string): Promise<number | undefined> {
  const text = await (await fetch(`${ex.url}/metrics`)).text();
  const m = text.split('\n').find((l) => l.startsWith(line + ' '));
  return m === undefined ? undefined : Number(m.slice(line.length + 1));
}

describe('POST /v1/events', () => {
  let ex: RunningExporter;
  beforeAll(async () => {
    ex = await start({ maxBodyBytes: 64 * 1024, maxBatchEvents: 100 });
  });
  afterAll(() => ex.close());

  it('accepts a JSON array, NDJSON (blank lines skipped) and gzip, answering 201 with the count', async () => {
    let r = await post(ex, JSON.stringify([good(0), good(1)]), { 'content-type': 'application/json' });
    expect(r.status).toBe(201);
    expect(await json(r)).toEqual({ accepted: 2 });
    r = await post(ex, `\n${ndjson([good(2), { ...good(3), timestamp: T }])}\n\n`);
    expect([r.status, await json(r)]).toEqual([201, { accepted: 2 }]);
    r = await post(ex, gzipSync(ndjson([good(4), good(5), good(6)])), { 'content-encoding': 'gzip' });
    expect([r.status, await json(r)]).toEqual([201, { accepted: 3 }]);
    expect((await ex.store.stats()).events).toBe(7);
    expect(await metric(ex, 'shadowfleet_events_ingested_total')).toBe(7);
    expect(await metric(ex, 'shadowfleet_store_events')).toBe(7);
  });

  it('rejects a batch with bad records as a whole, naming index, field and problem', async () => {
    const before = (await ex.store.stats()).events;
    const r = await post(
      ex,
      ndjson([
        good(0),
        { timestamp: 'yesterday', action: 'x' },
        { ...good(2), usr: 'typo', status: 700, bytes: -1 },
        { ...good(3), timestamp: 1714564800, duration_ms: '5' },
        'not an object',
      ]),
    );
    expect(r.status).toBe(400);
    expect(await json(r)).toEqual({
      error: 'invalid_batch',
      message: '4 of 5 records are invalid; nothing was stored',
      errors: [
        { index: 1, field: 'user_id', problem: 'is required' },
        {
          index: 1,
          field: 'timestamp',
          problem: 'must be an ISO 8601 date-time with a time zone (2024-05-01T12:00:00Z) or epoch milliseconds/seconds between 1970 and 2200, got "yesterday"',
        },
        { index: 2, field: 'status', problem: 'must be 100..599' },
        { index: 2, field: 'bytes', problem: 'must be >= 0' },
        { index: 2, field: 'usr', problem: 'is not a known field' },
        { index: 3, field: 'duration_ms', problem: 'must be a number of milliseconds, got "5"' },
        { index: 4, field: null, problem: 'must be an object, got string' },
      ],
    });
    expect((await ex.store.stats()).events).toBe(before);
    expect(await metric(ex, 'shadowfleet_events_rejected_total{reason="invalid"}')).toBe(5);
  });

  it('names the line of NDJSON that is not JSON', async () => {
    const r = await post(ex, `${JSON.stringify(good(0))}\n{"user_id": oops}\n`);
    expect(r.status).toBe(400);
    const body = await json(r);
    expect(body.error).toBe('malformed_body');
    expect(body.errors).toEqual([{ index: 1, field: null, problem: expect.stringMatching(/^line 2 is not valid JSON: /) }]);
  });

  it('answers 413 for a body over the limit, also after decompression (gzip bomb), and for too many records', async () => {
    const big = ndjson(Array.from({ length: 2000 }, (_, i) => good(i))); // > 64 KiB
    expect((await post(ex, big)).status).toBe(413);
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20)); // ~10 KB on the wire, 10 MiB inflated
    expect(bomb.length).toBeLessThan(64 * 1024);
    const r = await post(ex, bomb, { 'content-encoding': 'gzip' });
    expect(r.status).toBe(413);
    expect((await json(r)).error).toBe('body_too_large');
    const many = await post(ex, ndjson(Array.from({ length: 101 }, (_, i) => good(i))));
    expect([many.status, (await json(many)).message]).toEqual([413, 'a batch may hold at most 100 records, got 101; split it']);
  });

  it('answers 415 for an unknown Content-Type and 400 for broken gzip', async () => {
    expect((await post(ex, 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(ex, Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).status).toBe(400);
  });

  it('answers 401 without a token and with a wrong one (also one with an extra character), storing nothing', async () => {
    const before = (await ex.store.stats()).events;
    const none = await post(ex, ndjson([good(0)]), { authorization: '' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="shadowfleet"');
    expect((await post(ex, ndjson([good(0)]), { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await post(ex, ndjson([good(0)]), { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await ex.store.stats()).events).toBe(before);
  });
});

describe('POST /v1/users', () => {
  it('stores profile attributes and validates them', async () => {
    const ex = await start();
    try {
      const ok = await post(ex, JSON.stringify([{ user_id: 'u1', attributes: { plan: 'pro', seats: 3 } }]), { 'content-type': 'application/json' }, '/v1/users');
      expect([ok.status, await json(ok)]).toEqual([201, { accepted: 1, users: 1 }]);
      expect(await ex.store.getUser('u1')).toMatchObject({ attributes: { plan: 'pro', seats: 3 } });
      const bad = await post(ex, ndjson([{ user_id: 'u2', attributes: { nested: { no: 1 } } }]), {}, '/v1/users');
      expect(bad.status).toBe(400);
      expect((await json(bad)).errors?.[0]).toMatchObject({ index: 0, field: 'attributes.nested' });
    } finally {
      await ex.close();
    }
  });
});

/** A slow store: the real one behind a gate, so appended batches stay pending until the gate opens. */
class GatedStore implements EventStore {
  pendingEvents = 0;
  constructor(
    private readonly real: DuckDbEventStore,
    private readonly gate: Promise<void>,
  ) {}
  async append(events: readonly IncomingEvent[]) {
    this.pendingEvents += events.length;
    await this.gate;
    this.pendingEvents -= events.length;
    return this.real.append(events);
  }
  upsertUsers: EventStore['upsertUsers'] = (u) => this.real.upsertUsers(u);
  stats: EventStore['stats'] = () => this.real.stats();
  prune: EventStore['prune'] = (n) => this.real.prune(n);
  iterateEvents: EventStore['iterateEvents'] = (q) => this.real.iterateEvents(q);
  userEvents: EventStore['userEvents'] = (u, s) => this.real.userEvents(u, s);
  loadPerStep: EventStore['loadPerStep'] = (q) => this.real.loadPerStep(q);
  requestsByUser: EventStore['requestsByUser'] = (a, b) => this.real.requestsByUser(a, b);
  valuesSeen: EventStore['valuesSeen'] = (f, v, a, b) => this.real.valuesSeen(f, v, a, b);
  getUser: EventStore['getUser'] = (u) => this.real.getUser(u);
  close: EventStore['close'] = () => this.real.close();
}

describe('back-pressure', () => {
  it('answers 429 with Retry-After while the store is behind, instead of queueing without bound', async () => {
    const real = await DuckDbEventStore.open({ path: ':memory:' });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow = new GatedStore(real, gate);
    const pendingNow = () => slow.pendingEvents;
    const ex = await start({ noAuth: true, maxPendingEvents: 150, maxBatchEvents: 100 }, slow);
    try {
      const first = post(ex, ndjson(Array.from({ length: 100 }, (_, i) => good(i))));
      while (pendingNow() === 0) await new Promise((r) => setTimeout(r, 5));
      const second = await post(ex, ndjson(Array.from({ length: 100 }, (_, i) => good(i))));
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('1');
      expect((await json(second)).error).toBe('overloaded');
      release();
      expect((await first).status).toBe(201);
      expect((await real.stats()).events).toBe(100);
      expect(await metric(ex, 'shadowfleet_events_rejected_total{reason="overloaded"}')).toBe(100);
    } finally {
      await ex.close();
    }
  });
});

describe('buffered body budget', () => {
  it('answers 429 once the bytes of bodies being read exceed maxInFlightRequests × maxBodyBytes', async () => {
    const ex = await start({ noAuth: true, maxInFlightRequests: 1, maxBodyBytes: 64 * 1024 });
    const slow = request(`${ex.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', 'content-length': String(64 * 1024) } });
    slow.on('error', () => undefined);
    try {
      slow.write(`${JSON.stringify(good(0))}\n`.padEnd(60 * 1024, ' ')); // the rest of the body never comes
      await new Promise((r) => setTimeout(r, 200));
      const r = await post(ex, ndjson(Array.from({ length: 100 }, (_, i) => good(i))));
      expect([r.status, r.headers.get('retry-after')]).toEqual([429, '1']);
      expect((await json(r)).message).toMatch(/body bytes of \d requests being read or decoded/);
      slow.destroy();
      await new Promise((r) => setTimeout(r, 200));
      expect((await post(ex, ndjson([good(1)]))).status).toBe(201);
    } finally {
      slow.destroy();
      await ex.close();
    }
  });
});

/** The ingest router alone on a free port, with the given number of parse workers. */
async function startRouter(parseWorkers: number): Promise<RunningExporter> {
  const store = await DuckDbEventStore.open({ path: ':memory:' });
  const closers: Array<() => Promise<void>> = [];
  const registry = new Registry();
  const app = express();
  const limits = { maxBodyBytes: 16 * 1024 * 1024, maxBatchEvents: 1000, maxPendingEvents: 100_000, retryAfterSeconds: 1 };
  app.use(ingestRouter(store, registry, { authToken: TOKEN, ...limits, parseWorkers, onClose: (c) => void closers.push(c) }));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    registry,
    store,
    close: async () => {
      await new Promise((r) => server.close(r));
      for (const c of closers) await c();
      await store.close();
    },
  };
}

describe.each([0, 1])('large batches with %i parse worker(s)', (workers) => {
  it('stores a 1,000-event batch whole, and refuses one with a bad record naming it', async () => {
    const ex = await startRouter(workers);
    try {
      const rows = Array.from({ length: 1000 }, (_, i) => ({ ...good(i), user_id: `big-${i % 7}`, data_type: 'html' }));
      const body = ndjson(rows);
      expect(body.length).toBeGreaterThan(INLINE_BELOW_BYTES); // with a worker, decoded there
      const r = await post(ex, body);
      expect([r.status, await json(r)]).toEqual([201, { accepted: 1000 }]);
      const stored = await ex.store.userEvents('big-3');
      expect(stored).toHaveLength(143);
      expect(stored[0]).toMatchObject({ userId: 'big-3', action: 'search', dataType: 'html', status: 200, bytes: 10, error: false });
      const bad = await post(ex, ndjson(rows.map((row, i) => (i === 517 ? { ...row, bytes: 'ten' } : row))));
      expect(bad.status).toBe(400);
      expect(await json(bad)).toEqual({
        error: 'invalid_batch',
        message: '1 of 1000 records are invalid; nothing was stored',
        errors: [{ index: 517, field: 'bytes', problem: 'must be a number of bytes, got "ten"' }],
      });
      expect((await ex.store.stats()).events).toBe(1000);
    } finally {
      await ex.close();
    }
  });
});
