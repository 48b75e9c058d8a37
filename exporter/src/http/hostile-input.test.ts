import { connect, type Socket } from 'node:net';
import { silentLogger } from '@shadowfleet/service-kit';
import { loadConfig } from '../config';
import { startExporter, type RunningExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';

/** Issue 13's inputs against the real exporter: each is the client's fault, so each gets a 4xx. */
jest.setTimeout(60_000);

const TOKEN = 'hostile-input-token-0123456789';
const event = (i: number) => ({ user_id: `u${i}`, timestamp: 1_714_564_800_000 + i, action: 'search' });
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

let ex: RunningExporter;
beforeAll(async () => {
  const config = loadConfig({}, { port: 0, dataDir: '/nonexistent', authToken: TOKEN, importSamples: false });
  ex = await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() });
});
afterAll(() => ex.close());

function send(path: string, body: string | Buffer, contentType = 'application/json', method = 'POST') {
  return fetch(`${ex.url}${path}`, { method, body, headers: { 'content-type': contentType, authorization: `Bearer ${TOKEN}` } });
}

describe('no 5xx for malformed input', () => {
  it.each([
    ['timestamp holding an array nested 5,000 deep', 400, 'too_deep', `[{"user_id":"u","action":"a","timestamp":${deep(5000)}}]`, /nest at most 64 deep; byte 103 opens level 65/],
    ['a body of [ × 5000 ] × 5000', 400, 'too_deep', deep(5000), /byte 64 opens level 65/],
    ['timestamp nested 60 deep (under the limit): a bounded message', 400, 'invalid_batch', `[{"user_id":"u","action":"a","timestamp":${deep(60)}}]`, /records are invalid/],
    ['invalid UTF-8', 400, 'invalid_utf8', Buffer.concat([Buffer.from('[{"user_id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","action":"a","timestamp":1}]')]), /not valid UTF-8 at byte 13$/],
    ['a lone surrogate escape', 400, 'lone_surrogate', '[{"user_id":"\\udead","action":"a","timestamp":1714564800}]', /escape at byte 13 is a lone surrogate/],
  ])('POST /v1/events: %s → %i %s', async (_name, status, error, body, message) => {
    const r = await send('/v1/events', body);
    const answer = (await r.json()) as { error: string; message: string };
    expect([r.status, answer.error]).toEqual([status, error]);
    expect(answer.message).toMatch(message);
    expect(JSON.stringify(answer).length).toBeLessThan(2000);
  });

  it('bounds the rejected value echoed in the error', async () => {
    const r = await send('/v1/events', JSON.stringify([{ ...event(0), timestamp: 'x'.repeat(900_000) }]));
    const answer = (await r.json()) as { errors: { field: string; problem: string }[] };
    expect(r.status).toBe(400);
    expect(answer.errors[0]!.field).toBe('timestamp');
    expect(answer.errors[0]!.problem.length).toBeLessThan(300);
  });

  it.each([
    ['/v1/events', 'application/json; charset=utf-32'],
    ['/v1/events', 'application/x-ndjson; charset=iso-8859-1'],
    ['/v1/policy/preview', 'application/json; charset=utf-16'],
  ])('%s with %s → 415 unsupported_charset', async (path, type) => {
    const r = await send(path, JSON.stringify([event(0)]), type);
    expect(r.status).toBe(415);
    expect(await r.json()).toMatchObject({ error: 'unsupported_charset', message: expect.stringMatching(/^charset "[^"]+" is not supported: send JSON as UTF-8/) });
  });

  it.each([
    ['PUT', '/v1/policy', 'too_deep', deep(5000)],
    ['POST', '/v1/policy/preview', 'lone_surrogate', '{"a":"\\ud800"}'],
    ['POST', '/v1/experiments/x1/segments', 'too_deep', deep(1000)],
  ])('%s %s refuses before parsing: %s', async (method, path, error, body) => {
    const r = await send(path, body, 'application/json', method);
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error });
  });
});

describe('stalled clients', () => {
  it('200 stalled authenticated connections do not block writes: genuine batches still get 201 within 1 s', async () => {
    const { hostname, port } = new URL(ex.url);
    const stalled: Socket[] = [];
    try {
      for (let i = 0; i < 200; i++) {
        const socket = connect(Number(port), hostname);
        socket.on('error', () => undefined);
        await new Promise((r) => socket.once('connect', r));
        // half send headers and 1 KiB of a declared 16 MiB body, half only the headers; then nothing
        socket.write(`POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/x-ndjson\r\nContent-Length: ${16 * 1024 * 1024}\r\n\r\n`);
        if (i % 2 === 0) socket.write(`${JSON.stringify(event(i))}\n`.padEnd(1024, ' '));
        stalled.push(socket);
      }
      await new Promise((r) => setTimeout(r, 300));
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        const r = await send('/v1/events', JSON.stringify([event(i), event(i + 1)]));
        expect(r.status).toBe(201);
        expect(performance.now() - started).toBeLessThan(1000);
      }
      expect(stalled.filter((s) => !s.destroyed && !s.readableEnded)).toHaveLength(200);
    } finally {
      for (const s of stalled) s.destroy();
    }
  });
});
