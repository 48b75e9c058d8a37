import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '@shadowfleet/service-kit';
import { startTestHaproxy, type TestHaproxy } from '@shadowfleet/haproxy-runtime/testing';
import { freePort } from '@shadowfleet/service-kit/testing';
import { loadConfig } from '../../config';
import { repoRoot } from '../../paths';
import { startExporter, type RunningExporter } from '../../server';
import { DuckDbEventStore } from '../../store/duckdb-store';
import { haproxyFrontendLines, eventFromLine } from './log-line';
import { DEFAULT_ACTION_RULES, parseActionRules } from '../../importers/action-rules';
import { poolLoadFilter } from '@shadowfleet/models';
import { loadPoolModel } from '../../pools/load';

jest.setTimeout(60_000);

async function until(done: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function metric(ex: RunningExporter, line: string): Promise<number | undefined> {
  const text = await (await fetch(`${ex.url}/metrics`)).text();
  const m = text.split('\n').find((l) => l.startsWith(line + ' '));
  return m === undefined ? undefined : Number(m.slice(line.length + 1));
}

describe('behaviour events from a real HAProxy access log', () => {
  let app: http.Server;
  let haproxy: TestHaproxy | undefined;
  let ex: RunningExporter;
  let dir: string;
  let frontend: string;
  let poolsFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-haproxy-events-'));
    // The application behind HAProxy: 404 under /missing, else a body of 100 bytes.
    app = http.createServer((req, res) => {
      if (req.url?.startsWith('/missing')) res.writeHead(404).end();
      else res.end('x'.repeat(100));
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const rules = path.join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ depth: 1, rules: [{ match: '^/item/(\\d+)', method: 'POST', action: '/item/:id/buy' }] }));
    // Two pools behind two HAProxy backends: search serves the requests HAProxy sent to backend search.
    poolsFile = path.join(dir, 'pools.json');
    const pool = { driver: 'local', max: 4, hostCapacity: 10 };
    writeFileSync(poolsFile, JSON.stringify({ complexityUnit: 'requests', pools: { web: pool, search: { ...pool, serves: { backend: ['search'] } } } }));
    const syslog = await freePort('udp');
    const config = loadConfig({}, { port: 0, dataDir: dir, noAuth: true, importSamples: false, kpiSyslogPort: syslog, actionRulesFile: rules, poolsFile, retrainMinutes: 0, profileRebuildMinutes: 0 });
    ex = await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() });
    const port = await freePort();
    const socket = path.join(dir, 'stats.sock');
    haproxy = await startTestHaproxy(
      path.join(dir, 'haproxy.cfg'),
      [
        'global',
        `  log 127.0.0.1:${syslog} len 2048 local0`,
        `  stats socket ${socket} mode 600 level user`,
        'defaults',
        '  mode http',
        '  log global',
        '  timeout connect 2s',
        '  timeout client 10s',
        '  timeout server 10s',
        'frontend www',
        `  bind 127.0.0.1:${port}`,
        ...haproxyFrontendLines({ cookie: 'sf_uid' }).map((l) => `  ${l}`),
        '  use_backend search if { path_beg /search }',
        '  default_backend web',
        'backend web',
        `  server s1 127.0.0.1:${(app.address() as AddressInfo).port}`,
        'backend search',
        `  server s2 127.0.0.1:${(app.address() as AddressInfo).port}`,
        '',
      ].join('\n'),
      socket,
    );
    frontend = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await haproxy?.stop();
    await ex?.close();
    await new Promise((resolve) => app?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores one event per request: user from the cookie, action from the path by the rules, status, bytes and duration from the line', async () => {
    const started = Date.now();
    const send = async (p: string, cookie: string | undefined, method = 'GET') => {
      const r = await fetch(`${frontend}${p}`, { method, headers: { ...(cookie ? { cookie: `theme=dark; sf_uid=${cookie}` } : {}), 'x-shadowfleet-profile': 'browsers' } });
      await r.arrayBuffer();
      return r.status;
    };
    expect(await send('/Shop/Cart/view.html?x=1', 'alice')).toBe(200);
    expect(await send('/item/42', 'alice', 'POST')).toBe(200);
    expect(await send('/missing/page', 'alice')).toBe(404);
    expect(await send('/shop', undefined)).toBe(200); // no cookie: dropped (no user; the source fallback is off)
    expect(await send('/search/q', 'bob')).toBe(200);
    await until(async () => (await ex.store.userEvents('alice')).length === 3 && (await ex.store.userEvents('bob')).length === 1, 'three events of alice, one of bob');
    const events = await ex.store.userEvents('alice');
    // %B counts the bytes HAProxy sent the client: the 100-byte body plus the response headers.
    expect(events.map((e) => [e.action, e.dataType, e.status, e.error]).sort()).toEqual([
      ['/item/:id/buy', 'none', 200, false],
      ['/missing', 'none', 404, true],
      ['/shop', 'html', 200, false],
    ]);
    const bytes = Object.fromEntries(events.map((e) => [e.action, e.bytes ?? 0]));
    expect(bytes['/shop']! - bytes['/missing']!).toBeGreaterThanOrEqual(100 - 20); // same headers but for Content-Length and the status line
    expect(bytes['/missing']).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.timestamp).toBeGreaterThanOrEqual(started - 1000);
      expect(e.timestamp).toBeLessThanOrEqual(Date.now());
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
      // %b: the backend that took the request, which a pool's serves can select by.
      expect(e.backend).toBe('web');
    }
    expect((await ex.store.userEvents('bob')).map((e) => [e.action, e.backend])).toEqual([['/search', 'search']]);
    // Each pool's load is the requests its backend took.
    const model = loadPoolModel(poolsFile);
    const q = { fromMs: started - 60_000, toMs: Date.now() + 1000, stepMs: Date.now() + 61_000 - started, unit: 'requests' } as const;
    expect(await ex.store.loadPerStep({ ...q, filter: poolLoadFilter(model, 'search')! })).toEqual([1]);
    expect(await ex.store.loadPerStep({ ...q, filter: poolLoadFilter(model, 'web')! })).toEqual([3]);
    await until(async () => (await metric(ex, 'shadowfleet_source_records_dropped_total{source="haproxy_log",reason="no_user"}')) === 1, 'the dropped line counted');
    expect(await metric(ex, 'shadowfleet_source_events_accepted_total{source="haproxy_log"}')).toBe(4);
    // The same lines still feed the KPIs.
    expect(await metric(ex, 'shadowfleet_kpi_apdex{profile="browsers"}')).toBeGreaterThanOrEqual(0);
  });
});

describe('the HAProxy log line', () => {
  const options = { rules: DEFAULT_ACTION_RULES, userFromSource: false };
  const line = (fields: string) => `<134>Dec  7 15:48:23 haproxy[865]: shadowfleet_kpi profile=- status=200 ta_ms=7 backend=web ts_ms=1714564800123 src=10.0.0.9 method=GET bytes=512 ${fields}`;

  it.each([
    ['a quoted, escaped user', 'user="al\\"ice" path="/a/b/c.html"', { wire: expect.objectContaining({ user_id: 'al"ice', action: '/a/b', data_type: 'html', timestamp: 1714564800123, duration_ms: 7, bytes: 512, backend: 'web' }) }],
    ['no user', 'user="" path="/a"', { drop: 'no_user' }],
    ['a bad request (no path)', 'user="u" path="-"', { drop: 'no_action' }],
    ['a KPI-only line', '', undefined],
  ])('%s', (_name, fields, expected) => {
    expect(eventFromLine(line(fields), options)).toEqual(expected);
  });

  it('falls back to the client address when configured, and drops aborted requests', () => {
    expect(eventFromLine(line('user="" path="/a"'), { ...options, userFromSource: true })).toEqual({ wire: expect.objectContaining({ user_id: '10.0.0.9' }) });
    expect(eventFromLine(line('user="u" path="/a"').replace('status=200', 'status=-1'), options)).toEqual({ drop: 'aborted' });
  });

  it('captures the user as SHADOWFLEET_USER_IDENTITY says (the priority map reads the same key)', () => {
    expect(haproxyFrontendLines({ header: 'X-User-Id' })[1]).toBe('http-request capture req.fhdr(X-User-Id) len 128');
    expect(haproxyFrontendLines('source')[1]).toBe('http-request capture src len 128');
  });

  it('applies action rules in order, by method, with groups, and names a bad rule', () => {
    const rules = parseActionRules({ rules: [{ match: '^/api/(\\w+)/\\d+$', action: '/api/$1/:id' }, { match: '^/cart', method: 'post', action: 'add-to-cart' }] });
    expect(eventFromLine(line('user="u" path="/api/users/17"'), { ...options, rules })).toEqual({ wire: expect.objectContaining({ action: '/api/users/:id' }) });
    expect(eventFromLine(line('user="u" path="/cart/x"').replace('method=GET', 'method=POST'), { ...options, rules })).toEqual({ wire: expect.objectContaining({ action: 'add-to-cart' }) });
    expect(eventFromLine(line('user="u" path="/cart/x"'), { ...options, rules })).toEqual({ wire: expect.objectContaining({ action: '/cart/x' }) });
    expect(() => parseActionRules({ rules: [{ match: '(', action: 'x' }] })).toThrow(/rules\.0\.match: is not a valid regular expression/);
  });
});

describe('provisioning/haproxy/haproxy.cfg', () => {
  const file = path.join(repoRoot, 'provisioning', 'haproxy', 'haproxy.cfg');
  it('holds, between its markers, the frontend lines for the default user identity', () => {
    const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.trim());
    const block = lines.slice(lines.indexOf('# shadowfleet: begin frontend lines') + 1, lines.indexOf('# shadowfleet: end frontend lines'));
    expect(block).toEqual(haproxyFrontendLines(loadConfig({}).userIdentity));
  });
});
