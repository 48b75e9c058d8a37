import { spawnManaged, waitFor, type ManagedProcess } from '../../support/index';

/**
 * One worker process per pool, serving one port per host of the pool: each request is answered after
 * `serviceMs` (a host's work), with the host's name in `x-served-by`. HAProxy gives each host
 * `maxconn 1`, so a host serves one request at a time and a pool short of hosts queues in HAProxy —
 * the latency an under-provisioned pool really shows. (One process per pool rather than per host
 * keeps 3 × 16 hosts cheap on a 2-core machine; each host is still its own server to HAProxy.)
 * The process binds its ports itself (port 0) and prints them, so parallel starts cannot collide.
 */
const POOL_WORKER_SOURCE = `
const http = require('node:http');
const [pool, serviceMs, hosts] = process.argv.slice(1);
const servers = [];
let listening = 0;
for (let i = 0; i < Number(hosts); i++) {
  const name = pool + '/h' + (i + 1);
  const server = http.createServer((req, res) => {
    if (req.url === '/ready') { res.end('ok'); return; }
    setTimeout(() => {
      res.setHeader('x-served-by', name);
      res.setHeader('content-type', 'text/plain');
      res.end(name);
    }, Number(serviceMs));
  });
  server.keepAliveTimeout = 30000;
  server.listen(0, '127.0.0.1', () => {
    if (++listening === Number(hosts)) console.log('ports ' + JSON.stringify(servers.map((s) => s.address().port)));
  });
  servers.push(server);
}
process.on('SIGTERM', () => { for (const s of servers) s.close(); setTimeout(() => process.exit(0), 200).unref(); });
`;

export interface PoolWorkers {
  readonly pool: string;
  /** host:port of each host, in order h1 … hN. */
  readonly addresses: readonly string[];
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

export async function startPoolWorkers(pool: string, hosts: number, serviceMs: number): Promise<PoolWorkers> {
  if (!(Number.isInteger(hosts) && hosts >= 1)) throw new RangeError(`hosts per pool must be a whole number ≥ 1, got ${hosts}`);
  const proc = spawnManaged(`pool ${pool}`, process.execPath, ['-e', POOL_WORKER_SOURCE, pool, String(serviceMs), String(hosts)]);
  try {
    const ports = await waitFor(
      async () => {
        const m = /^ports (\[[\d,]+\])$/m.exec(proc.output());
        if (!m) return undefined;
        const list = JSON.parse(m[1]) as number[];
        const ok = await Promise.all(list.map(async (p) => (await fetch(`http://127.0.0.1:${p}/ready`)).ok));
        return ok.every(Boolean) ? list : undefined;
      },
      { what: `the ${hosts} hosts of pool ${pool} answering /ready`, abortIf: proc.assertRunning },
    );
    return { pool, addresses: ports.map((p) => `127.0.0.1:${p}`), process: proc, stop: () => proc.stop() };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

/**
 * A host's real throughput: `requests` requests sent one after another straight to the host (no queue,
 * no balancer), requests per wall-clock second. The A/B sizes its pools from this measurement, not from
 * the configured service time.
 */
export async function measureHostThroughput(address: string, requests: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < requests; i++) {
    const res = await fetch(`http://${address}/`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`calibrating host ${address}: answered ${res.status}`);
  }
  return requests / ((performance.now() - started) / 1000);
}
