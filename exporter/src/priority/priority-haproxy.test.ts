import dgram from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { backendStats, parseShowStat, readShowStat, showMap } from '@shadowfleet/haproxy-runtime';
import { startTestHaproxy, type TestHaproxy } from '@shadowfleet/haproxy-runtime/testing';
import type { Policy } from '@shadowfleet/models';
import { silentLogger } from '@shadowfleet/service-kit';
import { freePort, until } from '@shadowfleet/service-kit/testing';
import { loadConfig } from '../config';
import { plantedEvents } from '../profiles/planted.test-helpers';
import { startExporter, type RunningExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';
import { haproxyPriorityLines } from './haproxy-lines';

const TOKEN = 'priority-test-token-0123456789';
const USER_HEADER = 'X-Shadowfleet-User';
const auth = { authorization: `Bearer ${TOKEN}` };
/** What the worker spends on each request after the held one (so HAProxy's Tw shows the queue order). */
const SERVICE_MS = 15;

/**
 * One slow application host: the first request marked `x-hold` is held until `release()`; the others are
 * answered after SERVICE_MS, in the order they arrive (HAProxy sends one at a time: maxconn 1).
 */
function slowWorker(): { server: http.Server; served: string[]; held: () => boolean; release: () => void } {
  const served: string[] = [];
  let hold: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    if (req.headers['x-hold']) {
      hold = () => res.end('held');
      return;
    }
    served.push(String(req.headers[USER_HEADER.toLowerCase()] ?? 'anonymous'));
    setTimeout(() => res.end('ok'), SERVICE_MS);
  });
  return { server, served, held: () => hold !== undefined, release: () => (hold?.(), (hold = undefined)) };
}

describe('profile priorities at a real HAProxy (queue priority classes from the exporter map)', () => {
  let dir: string;
  let socket: string;
  let mapFile: string;
  let frontend: string;
  let haproxy: TestHaproxy | undefined;
  let ex: RunningExporter | undefined;
  let worker: ReturnType<typeof slowWorker>;
  let logs: dgram.Socket;
  const waits: Array<{ user: string; cls: number; tw: number }> = [];
  const profileOf: Record<string, string> = {};

  const priority = async (): Promise<{ policyVersion: number | null; entries: number; byClass: Record<string, number>; failures: Record<string, number> }> =>
    (await (await fetch(`${ex!.url}/v1/priority`)).json()) as never;

  const putPriorities = async (priorities: Record<string, number>): Promise<number> => {
    const current = (await (await fetch(`${ex!.url}/v1/policy`)).json()) as { policy: Policy };
    const r = await fetch(`${ex!.url}/v1/policy`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ ...current.policy, profilePriorities: priorities }) });
    expect(r.status).toBe(200);
    const version = ((await r.json()) as { version: number }).version;
    await until(`the priority map for policy version ${version}`, async () => ((await priority()).policyVersion === version ? true : undefined));
    return version;
  };

  /** Holds the worker, queues `perGroup` requests of each group (interleaved, in the order given), releases, returns the served order. */
  const queueRound = async (groups: ReadonlyArray<(i: number) => string | undefined>, perGroup: number): Promise<string[]> => {
    worker.served.length = 0;
    waits.length = 0;
    const blocker = fetch(frontend, { headers: { 'x-hold': '1', [USER_HEADER]: 'blocker' } });
    await until('the worker to hold a request', async () => (worker.held() ? true : undefined));
    const requests: Array<Promise<unknown>> = [];
    // Each request is queued before the next is sent (polled every millisecond, so all arrive within a few
    // service times): within a class HAProxy serves in arrival order, and requests sent together on separate
    // connections may arrive in any order.
    for (let i = 0; i < perGroup; i++) {
      for (const user of groups) {
        const u = user(i);
        requests.push(fetch(frontend, { headers: u === undefined ? {} : { [USER_HEADER]: u } }).then((r) => r.text()));
        await until(
          `${requests.length} requests queued in HAProxy`,
          async () => {
            const app = backendStats(parseShowStat(await readShowStat(socket))).find((b) => b.backend === 'app');
            return app?.queued === requests.length ? true : undefined;
          },
          { intervalMs: 1, tries: 10_000 },
        );
      }
    }
    const total = groups.length * perGroup;
    worker.release();
    await Promise.all([blocker.then((r) => r.text()), ...requests]);
    await until('a log line per request', async () => (waits.length >= total ? true : undefined));
    return [...worker.served];
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-priority-'));
    socket = path.join(dir, 'admin.sock');
    mapFile = path.join(dir, 'shadowfleet-priority.map');
    writeFileSync(mapFile, '');
    worker = slowWorker();
    await new Promise<void>((resolve) => worker.server.listen(0, '127.0.0.1', resolve));
    logs = dgram.createSocket('udp4');
    logs.on('message', (m) => {
      const x = /prio user=(\S+) class=(-?\d+) tw=(-?\d+)/.exec(m.toString());
      if (x && x[1] !== 'blocker') waits.push({ user: x[1], cls: Number(x[2]), tw: Number(x[3]) });
    });
    await new Promise<void>((resolve) => logs.bind(0, '127.0.0.1', resolve));
    const port = await freePort();
    frontend = `http://127.0.0.1:${port}/`;
    const identity = loadConfig({ SHADOWFLEET_USER_IDENTITY: `header:${USER_HEADER}` }).userIdentity;
    haproxy = await startTestHaproxy(
      path.join(dir, 'haproxy.cfg'),
      [
        'global',
        `  stats socket ${socket} mode 600 level operator`,
        `  log 127.0.0.1:${(logs.address() as net.AddressInfo).port} len 1024 local0`,
        'defaults',
        '  mode http',
        '  log global',
        '  timeout connect 2s',
        '  timeout client 30s',
        '  timeout server 30s',
        '  timeout queue 30s',
        'frontend entry',
        `  bind 127.0.0.1:${port}`,
        ...haproxyPriorityLines(identity, mapFile).map((l) => `  ${l}`),
        `  http-request capture req.fhdr(${USER_HEADER}) len 64`,
        '  log-format "prio user=%[capture.req.hdr(0)] class=%[prio_class] tw=%Tw"',
        '  default_backend app',
        'backend app',
        `  server w1 127.0.0.1:${(worker.server.address() as net.AddressInfo).port} maxconn 1`,
        '',
      ].join('\n'),
      socket,
    );
    const config = loadConfig(
      { SHADOWFLEET_USER_IDENTITY: `header:${USER_HEADER}` },
      { port: 0, dataDir: dir, authToken: TOKEN, importSamples: false, profileRebuildMinutes: 0, retrainMinutes: 0, profileKMax: 6, haproxyStatsSocket: socket, priorityMapFile: mapFile },
    );
    ex = await startExporter(config, { store: await DuckDbEventStore.open({ path: ':memory:' }), logger: silentLogger() });
    const body = plantedEvents(20)
      .map((e) => JSON.stringify({ user_id: e.userId, session_id: e.sessionId, timestamp: e.timestamp, action: e.action, data_type: e.dataType, status: e.status, bytes: e.bytes }))
      .join('\n');
    expect((await fetch(`${ex.url}/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', ...auth } })).status).toBe(201);
    expect((await fetch(`${ex.url}/v1/profiles/rebuild`, { method: 'POST', headers: auth })).status).toBe(200);
    for (const user of ['search-0', 'shop-0', 'night-0']) {
      profileOf[user] = ((await (await fetch(`${ex.url}/v1/users/${user}/profile`)).json()) as { profileId: string }).profileId;
    }
  }, 60_000);

  afterAll(async () => {
    await ex?.close();
    await haproxy?.stop();
    await new Promise<void>((resolve) => worker.server.close(() => resolve()));
    logs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds no entries while no profile has a priority other than the default', async () => {
    const s = await until('the first map update', async () => {
      const p = await priority();
      return p.policyVersion !== null ? p : undefined;
    });
    expect(s).toMatchObject({ entries: 0, failures: { file: 0, runtime: 0 } });
    expect(await showMap(socket, mapFile)).toEqual([]);
  });

  it('refuses a policy write without the bearer token (and HAProxy keeps its map)', async () => {
    const r = await fetch(`${ex!.url}/v1/policy`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
    expect(await showMap(socket, mapFile)).toEqual([]);
  });

  it('a policy change (PUT /v1/policy) changes the map HAProxy holds and the map file', async () => {
    const version = await putPriorities({ [profileOf['search-0']]: 10, [profileOf['shop-0']]: 0 });
    const held = new Map((await showMap(socket, mapFile)).map((e) => [e.key, e.value]));
    expect(held.size).toBe(40);
    for (let i = 0; i < 20; i++) expect([held.get(`search-${i}`), held.get(`shop-${i}`), held.get(`night-${i}`)]).toEqual(['0', '10', undefined]);
    const file = readFileSync(mapFile, 'utf8');
    expect(file).toContain(`# Policy version ${version};`);
    expect(file).toContain('\nsearch-0 0\n');
    expect(await priority()).toMatchObject({ entries: 40, byClass: { 0: 20, 10: 20 }, failures: { file: 0, runtime: 0 } });
    const metrics = await (await fetch(`${ex!.url}/metrics`)).text();
    expect(metrics).toContain('shadowfleet_priority_map_entries{class="0"} 20');
    expect(metrics).toContain(`shadowfleet_priority_map_policy_version ${version}`);
  });

  it('serves the priority-10 profile first, unknown users next and the priority-0 profile last from the queue', async () => {
    const order = await queueRound([(i) => `shop-${i}`, () => undefined, (i) => `search-${i}`], 5);
    const group = (u: string): string => (u.startsWith('search-') ? 'high' : u.startsWith('shop-') ? 'low' : 'default');
    expect(order.map(group)).toEqual([...Array(5).fill('high'), ...Array(5).fill('default'), ...Array(5).fill('low')]);
    // HAProxy's own queue time (%Tw) and class (prio_class) for each request.
    const byGroup = (g: string) => waits.filter((w) => group(w.user) === g);
    expect(new Set(byGroup('high').map((w) => w.cls))).toEqual(new Set([0]));
    expect(new Set(byGroup('default').map((w) => w.cls))).toEqual(new Set([5]));
    expect(new Set(byGroup('low').map((w) => w.cls))).toEqual(new Set([10]));
    expect(Math.max(...byGroup('high').map((w) => w.tw))).toBeLessThanOrEqual(Math.min(...byGroup('low').map((w) => w.tw)));
    const mean = (g: string): number => byGroup(g).reduce((a, w) => a + w.tw, 0) / byGroup(g).length;
    process.stdout.write(`priority queue, HAProxy Tw mean ms: priority 10 ${mean('high').toFixed(1)}, default ${mean('default').toFixed(1)}, priority 0 ${mean('low').toFixed(1)}\n`);
  });

  it('follows a reversed policy: the map and then the queue order change with it', async () => {
    await putPriorities({ [profileOf['search-0']]: 0, [profileOf['shop-0']]: 10 });
    const held = new Map((await showMap(socket, mapFile)).map((e) => [e.key, e.value]));
    expect([held.get('search-3'), held.get('shop-3')]).toEqual(['10', '0']);
    const order = await queueRound([(i) => `search-${i}`, (i) => `shop-${i}`], 4);
    expect(order).toEqual([0, 1, 2, 3].map((i) => `shop-${i}`).concat([0, 1, 2, 3].map((i) => `search-${i}`)));
  });
});
