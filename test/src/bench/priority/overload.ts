import dgram from 'node:dgram';
import http from 'node:http';
import type net from 'node:net';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { identity, priority } from '@shadowfleet/exporter';
import { replaceMap } from '@shadowfleet/haproxy-runtime';
import { priorityMapEntries } from '@shadowfleet/models';
import { launchHaproxy } from '../../support/index';
import { percentile, round } from '../webhook/process';

const USER_HEADER = 'X-Shadowfleet-User';
/** Three users, one per group: a priority-10 profile, an unlisted profile (5), a priority-0 profile. */
const GROUPS = [
  { user: 'vip', profile: 'p-checkout', priority: 10 },
  { user: 'plain', profile: 'p-browse', priority: 5 },
  { user: 'bulk', profile: 'p-crawler', priority: 0 },
] as const;

export interface OverloadOptions {
  /** Give the profiles their priorities (else every profile is at the default, as before this feature). */
  readonly withPriorities: boolean;
  readonly seconds: number;
  /** Requests per second each group sends (open loop: sent on schedule whatever the answers). */
  readonly ratePerGroup: number;
  /** The one worker's time per request; with maxconn 1 its capacity is 1000 / serviceMs per second. */
  readonly serviceMs: number;
  readonly queueTimeoutMs: number;
}

interface Logged {
  readonly user: string;
  readonly cls: number;
  readonly twMs: number;
  readonly status: number;
}

/** Fire-and-forget GET on a fresh connection; resolves with the status (0 on a client error). */
function get(port: number, user: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/', agent: false, headers: { [USER_HEADER]: user } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/**
 * One overload run on real HAProxy 2.6: a worker with `maxconn 1` and a fixed service time, the shipped
 * priority lines in the frontend (header identity), the map filled from the profile priorities by the
 * exporter's own code path (models' priorityMapEntries + the runtime client's replaceMap), and three
 * users sending on a fixed schedule. HAProxy's log gives each request's class, queue time (%Tw) and status.
 */
export async function measureOverload(o: OverloadOptions) {
  const worker = http.createServer((_req, res) => void setTimeout(() => res.end('ok'), o.serviceMs));
  await new Promise<void>((resolve) => worker.listen(0, '127.0.0.1', resolve));
  const logged: Logged[] = [];
  const logs = dgram.createSocket('udp4');
  logs.on('message', (m) => {
    const x = /prio user=(\S+) class=(-?\d+) tw=(-?\d+) status=(-?\d+)/.exec(m.toString());
    if (x) logged.push({ user: x[1]!, cls: Number(x[2]), twMs: Number(x[3]), status: Number(x[4]) });
  });
  await new Promise<void>((resolve) => logs.bind(0, '127.0.0.1', resolve));
  const mapFile = path.join(os.tmpdir(), `sf-bench-priority-${process.pid}.map`);
  writeFileSync(mapFile, '');
  const id = identity.parseUserIdentity(`header:${USER_HEADER}`);
  if (!id.ok) throw new Error(id.message);
  const haproxy = await launchHaproxy('bench-priority', (port, socketPath) =>
    [
      'global',
      `  stats socket ${socketPath} mode 600 level operator`,
      `  log 127.0.0.1:${(logs.address() as net.AddressInfo).port} len 1024 local0`,
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  log global',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      `  timeout queue ${o.queueTimeoutMs}ms`,
      'frontend entry',
      `  bind 127.0.0.1:${port}`,
      ...priority.haproxyPriorityLines(id.identity, mapFile).map((l) => `  ${l}`),
      `  http-request capture req.fhdr(${USER_HEADER}) len 64`,
      '  log-format "prio user=%[capture.req.hdr(0)] class=%[prio_class] tw=%Tw status=%ST"',
      '  default_backend app',
      'backend app',
      `  server w1 127.0.0.1:${(worker.address() as net.AddressInfo).port} maxconn 1`,
      '',
    ].join('\n'),
  );
  try {
    const priorities = o.withPriorities ? Object.fromEntries(GROUPS.map((g) => [g.profile, g.priority])) : {};
    const map = priorityMapEntries(
      GROUPS.map((g) => [g.user, g.profile] as const),
      priorities,
      { maxEntries: 100, usableKey: (u) => identity.usableUserKey(id.identity, u) },
    );
    await replaceMap(haproxy.socketPath, mapFile, map.entries.map(([u, c]) => [u, String(c)] as const));
    const port = Number(new URL(haproxy.url).port);
    const loadAtStart = os.loadavg().map((l) => round(l, 1));
    const sent: Array<Promise<number>> = [];
    const t0 = performance.now();
    const interval = 1000 / o.ratePerGroup;
    for (let n = 0; n < o.seconds * o.ratePerGroup; n++) {
      const due = t0 + n * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      for (const g of GROUPS) sent.push(get(port, g.user));
    }
    const statuses = await Promise.all(sent);
    for (let i = 0; i < 200 && logged.length < sent.length; i++) await new Promise((r) => setTimeout(r, 25));
    const groups = GROUPS.map((g) => {
      const mine = logged.filter((l) => l.user === g.user);
      const served = mine.filter((l) => l.status >= 200 && l.status < 300).map((l) => l.twMs).sort((a, b) => a - b);
      return {
        user: g.user,
        profile_priority: o.withPriorities ? g.priority : 5,
        class: mine[0]?.cls,
        requests: mine.length,
        served: served.length,
        queue_timeouts_503: mine.filter((l) => l.status === 503).length,
        queue_wait_ms_of_served: { p50: percentile(served, 50), p95: percentile(served, 95), p99: percentile(served, 99), max: served.at(-1) ?? null },
      };
    });
    const servedTotal = groups.reduce((a, g) => a + g.served, 0);
    return {
      settings: { ...o, offered_per_second: o.ratePerGroup * GROUPS.length, nominal_capacity_per_second: round(1000 / o.serviceMs, 1) },
      load_average_at_start: loadAtStart,
      // What the worker really served per second of sending (below nominal when the machine is busy).
      served_per_second: round(servedTotal / o.seconds, 1),
      sent: sent.length,
      client_errors: statuses.filter((s) => s === 0).length,
      logged: logged.length,
      groups,
    };
  } finally {
    await haproxy.stop();
    await new Promise<void>((resolve) => worker.close(() => resolve()));
    logs.close();
  }
}
