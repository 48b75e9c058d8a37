import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeBatch } from './decode';
import { fromColumns, toColumns } from './event-columns';
import { INLINE_BELOW_BYTES, ParsePool } from './parse-pool';
import { toIncoming, wireEventSchema } from './wire-schema';

jest.setTimeout(30_000);

/** An NDJSON body of `n` events, each with a different mix of optional fields, big enough for a worker. */
function body(n: number, edit: (r: Record<string, unknown>, i: number) => void = () => undefined): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const r: Record<string, unknown> = { user_id: `user-${i % 17}`, timestamp: 1_714_521_600_000 + i, action: `/page/${i % 5}` };
    if (i % 2 === 0) r.session_id = `s-${i % 3}`;
    if (i % 3 === 0) r.data_type = 'html';
    if (i % 4 === 0) r.duration_ms = i / 4;
    if (i % 5 !== 0) r.status = 200 + (i % 300);
    if (i % 6 === 0) r.error = i % 12 === 0;
    if (i % 7 !== 0) r.bytes = i * 10;
    if (i % 8 === 0) r.cost = -0 + i / 8;
    edit(r, i);
    lines.push(JSON.stringify(r));
  }
  return Buffer.from(lines.join('\n'));
}

const inline = (b: Buffer, max = 1000) => decodeBatch(b, 'ndjson', wireEventSchema, toIncoming, max);

describe('ParsePool', () => {
  let pool: ParsePool;
  beforeAll(() => {
    if (!existsSync(path.resolve(__dirname, '..', '..', 'dist', 'ingest', 'parse-worker.js'))) throw new Error('exporter/dist is missing: run `npx tsc -b` first');
    pool = new ParsePool(2);
  });
  afterAll(() => pool.close());

  it('decodes a batch in a worker to exactly the events an inline decode gives', async () => {
    const b = body(1000);
    expect(b.length).toBeGreaterThan(INLINE_BELOW_BYTES);
    const expected = inline(b);
    expect(expected.ok).toBe(true);
    expect(await pool.decodeEvents(b, 'ndjson', 1000)).toStrictEqual(expected);
  });

  it('refuses bad batches in a worker with the inline answer: 400 naming index and field, 413 over the limit, malformed lines', async () => {
    const bad = body(1000, (r, i) => {
      if (i === 3) r.status = 700;
      if (i === 998) delete r.user_id;
    });
    const r = await pool.decodeEvents(bad, 'ndjson', 1000);
    expect(r).toEqual(inline(bad)); // toEqual: objects cloned from the worker have another realm's prototype
    expect(r).toMatchObject({ ok: false, status: 400, error: 'invalid_batch', message: '2 of 1000 records are invalid; nothing was stored' });
    expect(!r.ok && r.extra.errors).toEqual([
      { index: 3, field: 'status', problem: 'must be 100..599' },
      { index: 998, field: 'user_id', problem: 'is required' },
    ]);
    expect(await pool.decodeEvents(body(1000), 'ndjson', 999)).toMatchObject({ ok: false, status: 413, reject: { reason: 'too_large', events: 1000 } });
    const broken = Buffer.concat([body(500), Buffer.from('\n{"user_id": oops}\n'), body(500)]);
    expect(await pool.decodeEvents(broken, 'ndjson', 2000)).toEqual(inline(broken, 2000));
  });

  it('answers many concurrent batches, each with its own events', async () => {
    const bodies = Array.from({ length: 12 }, (_, k) => body(600, (r) => (r.user_id = `batch-${k}`)));
    const results = await Promise.all(bodies.map((b) => pool.decodeEvents(b, 'ndjson', 1000)));
    results.forEach((r, k) => expect(r.ok && new Set(r.values.map((e) => e.userId))).toEqual(new Set([`batch-${k}`])));
  });

  it('decodes inline once closed, and refuses a negative size', async () => {
    const closed = new ParsePool(1);
    await closed.close();
    expect(await closed.decodeEvents(body(1000), 'ndjson', 1000)).toStrictEqual(inline(body(1000)));
    expect(() => new ParsePool(-1)).toThrow('parse workers must be an integer >= 0, got -1');
  });
});

describe('ParsePool when workers fail', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-parse-pool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('decodes inline, and from then on, when the worker script cannot run', async () => {
    const pool = new ParsePool(1, path.join(dir, 'missing-worker.js'));
    try {
      expect(await pool.decodeEvents(body(1000), 'ndjson', 1000)).toStrictEqual(inline(body(1000)));
      expect(pool.inline).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('decodes the batches of a worker that dies inline, and starts a new worker for the next ones', async () => {
    // A worker that answers its first batch and dies on its second.
    const script = path.join(dir, 'dies-on-second.js');
    const real = path.resolve(__dirname, '..', '..', 'dist', 'ingest', 'parse-worker.js');
    const deaths = path.join(dir, 'deaths.txt');
    writeFileSync(deaths, '');
    writeFileSync(
      script,
      `let n = 0;\nrequire('node:worker_threads').parentPort.on('message', () => {\n  if (++n === 2) { require('node:fs').appendFileSync(${JSON.stringify(deaths)}, 'died\\n'); process.exit(3); }\n});\nrequire(${JSON.stringify(real)});\n`,
    );
    const pool = new ParsePool(1, script);
    try {
      for (let k = 0; k < 4; k++) {
        const b = body(1000, (r) => (r.user_id = `batch-${k}`));
        expect(await pool.decodeEvents(b, 'ndjson', 1000)).toStrictEqual(inline(b));
      }
      expect(pool.inline).toBe(false);
      // Batches 2 and 4 each killed a worker: the second death proves a new worker had taken over.
      expect(readFileSync(deaths, 'utf8')).toBe('died\ndied\n');
    } finally {
      await pool.close();
    }
  });
});

describe('event columns', () => {
  it('carry every field, absent ones staying absent', () => {
    const r = inline(body(100));
    expect(r.ok).toBe(true);
    if (r.ok) expect(fromColumns(toColumns(r.values))).toStrictEqual(r.values);
  });
});
