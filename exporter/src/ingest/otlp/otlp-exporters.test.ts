import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { silentLogger } from '@shadowfleet/service-kit';
import { loadConfig } from '../../config';
import { startExporter, type RunningExporter } from '../../server';
import { DuckDbEventStore } from '../../store/duckdb-store';
import { decodeLogsResponse, encodeLogsRequest } from './proto';

jest.setTimeout(30_000);

const run = promisify(execFile);
const TOKEN = 'otlp-test-token-0123456789';
const T0 = Date.parse('2024-05-01T12:00:00Z');

async function start(overrides: Record<string, unknown> = {}): Promise<RunningExporter> {
  const config = loadConfig({}, { port: 0, dataDir: '/nonexistent', authToken: TOKEN, importSamples: false, ...overrides });
  return startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() });
}

async function metric(ex: RunningExporter, line: string): Promise<number | undefined> {
  const text = await (await fetch(`${ex.url}/metrics`)).text();
  const m = text.split('\n').find((l) => l.startsWith(line + ' '));
  return m === undefined ? undefined : Number(m.slice(line.length + 1));
}

const CLIENT = path.join(__dirname, 'fixtures', 'otel-client.cjs');

/** Runs the instrumented client (fixtures/otel-client.cjs): `count` clicks of `user`; the export results it got. */
async function sendClicks(encoding: 'json' | 'protobuf', url: string, token: string | undefined, user: string, count: number): Promise<Array<{ result: number; error: string | null }>> {
  const { stdout } = await run(process.execPath, [CLIENT, encoding, url, token ?? '-', user, String(count), String(T0)], { cwd: __dirname, timeout: 20_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Array<{ result: number; error: string | null }>;
}

describe.each(['json', 'protobuf'] as const)('POST /v1/logs from the official OpenTelemetry JS exporter (OTLP/HTTP %s)', (encoding) => {
  let ex: RunningExporter;
  beforeAll(async () => {
    ex = await start();
  });
  afterAll(() => ex.close());

  it('stores each log record as an event, durably before answering, with the documented mapping', async () => {
    expect(await sendClicks(encoding, `${ex.url}/v1/logs`, TOKEN, 'alice', 5)).toEqual(Array(5).fill({ result: 0, error: null }));
    const events = await ex.store.userEvents('alice');
    expect(events).toHaveLength(5);
    expect(events[2]).toMatchObject({
      userId: 'alice',
      sessionId: 'alice-s1',
      timestamp: T0 + 2000,
      action: '/shop/item',
      dataType: 'html',
      status: 503,
      error: true,
      bytes: 1002,
      durationMs: 12.5,
    });
    expect(await metric(ex, 'shadowfleet_source_events_accepted_total{source="otlp"}')).toBe(5);
  });

  it('is refused without the bearer token (the exporter reports a failure), and nothing is stored', async () => {
    const results = await sendClicks(encoding, `${ex.url}/v1/logs`, undefined, 'mallory', 1);
    expect(results).toEqual([{ result: 1, error: 'Unauthorized' }]);
    expect(await ex.store.userEvents('mallory')).toHaveLength(0);
    expect(await metric(ex, 'shadowfleet_ingest_requests_total{endpoint="/v1/logs",code="401"}')).toBe(1);
  });
});

// Hand-built requests for the answers the SDK does not show, encoded with the same OTLP messages.
const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
const int = (key: string, v: number) => ({ key, value: { intValue: String(v) } });
const request = (records: object[]) => ({ resourceLogs: [{ resource: { attributes: [str('service.name', 'shop')] }, scopeLogs: [{ logRecords: records }] }] });
const record = (attrs: object[], nanos = String(BigInt(T0) * 1_000_000n)) => ({ timeUnixNano: nanos, attributes: attrs });

describe('POST /v1/logs answers as the OTLP/HTTP spec says', () => {
  let ex: RunningExporter;
  beforeAll(async () => {
    ex = await start({ maxBatchEvents: 3, maxBodyBytes: 64 * 1024 });
  });
  afterAll(() => ex.close());
  const post = (body: string | Buffer, type: string, extra: Record<string, string> = {}) =>
    fetch(`${ex.url}/v1/logs`, { method: 'POST', body, headers: { 'content-type': type, authorization: `Bearer ${TOKEN}`, ...extra } });

  it('drops records it cannot map, keeps the rest, and names each dropped record and field in partial_success (JSON)', async () => {
    const body = request([
      record([str('user.id', 'bob'), str('http.route', '/api/items/{id}'), str('http.request.method', 'POST')]),
      record([str('url.path', '/x')]),
      record([str('enduser.id', 'carol'), str('url.path', '/a'), int('http.response.status_code', 700)]),
    ]);
    const r = await post(JSON.stringify(body), 'application/json');
    expect([r.status, r.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^application\/json/)]);
    expect(await r.json()).toEqual({
      partialSuccess: {
        rejectedLogRecords: '2',
        errorMessage:
          '2 of 3 log records dropped: resourceLogs[0].scopeLogs[0].logRecords[1]: needs a user.id or enduser.id attribute; resourceLogs[0].scopeLogs[0].logRecords[2]: http.response.status_code must be 100..599',
      },
    });
    expect(await ex.store.userEvents('bob')).toEqual([expect.objectContaining({ action: '/api/items', timestamp: T0 })]);
    expect(await metric(ex, 'shadowfleet_source_records_dropped_total{source="otlp",reason="no_user"}')).toBe(1);
    expect(await metric(ex, 'shadowfleet_source_records_dropped_total{source="otlp",reason="invalid"}')).toBe(1);
  });

  it('answers a fully accepted gzip protobuf request with an empty ExportLogsServiceResponse', async () => {
    const pb = encodeLogsRequest(request([record([str('user.id', 'dave'), str('shadowfleet.action', 'checkout')])]), 'protobuf');
    const r = await post(gzipSync(pb), 'application/x-protobuf', { 'content-encoding': 'gzip' });
    expect([r.status, r.headers.get('content-type')]).toEqual([200, 'application/x-protobuf']);
    expect(decodeLogsResponse(new Uint8Array(await r.arrayBuffer()))).toEqual({});
    expect(await ex.store.userEvents('dave')).toEqual([expect.objectContaining({ action: 'checkout' })]);
  });

  it('answers 400 for a malformed body, 413 above the record or body limit (also gzip), 415 for another content type', async () => {
    const bad = await post(Buffer.from([0x0a, 0xff, 0xff, 0xff]), 'application/x-protobuf');
    expect(bad.status).toBe(400);
    const badJson = await post('{"resourceLogs": {}}', 'application/json');
    expect([badJson.status, await badJson.json()]).toEqual([400, { code: 3, error: 'malformed_otlp', message: expect.stringContaining('ExportLogsServiceRequest.resourceLogs: array expected') }]);
    const four = request([1, 2, 3, 4].map((i) => record([str('user.id', `u${i}`), str('url.path', '/')])));
    const tooMany = await post(JSON.stringify(four), 'application/json');
    expect([tooMany.status, ((await tooMany.json()) as { message: string }).message]).toEqual([413, 'a request may hold at most 3 log records, got 4; lower the exporter\'s batch size (send_batch_max_size)']);
    expect((await post('x', 'text/plain')).status).toBe(415);
    // Body limits as for /v1/events: on the wire and after decompression (a gzip bomb stops at the limit).
    const big = JSON.stringify(request([record([str('user.id', 'u1'), str('url.path', `/${'a'.repeat(70 * 1024)}`)])]));
    expect((await post(big, 'application/json')).status).toBe(413);
    expect((await post(gzipSync(big), 'application/json', { 'content-encoding': 'gzip' })).status).toBe(413);
    expect(await ex.store.userEvents('u1')).toHaveLength(0);
  });
});
