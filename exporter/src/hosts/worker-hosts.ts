import { compiledScript } from '@shadowfleet/service-kit';
import type { Progress } from '../progress';
import { startChild, type Child } from '../stack/children';

/**
 * One worker process serving one loopback port per host of a pool: each request is answered after
 * `serviceMs` (a host's work), with the host's name in `x-served-by`. HAProxy gives each host `maxconn 1`,
 * so a host serves one request at a time — a fixed capacity of 1000 / serviceMs requests per second — and
 * a pool short of hosts queues in HAProxy, then answers 503 past `timeout queue`: overload shows as
 * queueing and errors. (One process per pool rather than per host keeps 40 hosts cheap on a 2-core
 * machine; each host is still its own server to HAProxy.) The process binds its ports itself (port 0)
 * and prints them, so parallel starts cannot collide. Used by `shadowfleet replay`, `shadowfleet stack`
 * and the live A/B test.
 *
 * This is the argument vector that runs them under Node: the compiled worker-hosts-main.ts, whose options
 * (`--pool`, `--service-ms`, `--hosts`) commander parses.
 */
export function workerHostsArgs(pool: string, hosts: number, serviceMs: number): string[] {
  if (!(Number.isInteger(hosts) && hosts >= 1)) throw new RangeError(`hosts per pool must be a whole number ≥ 1, got ${hosts}`);
  if (!(serviceMs >= 0)) throw new RangeError(`service time must be ≥ 0 ms, got ${serviceMs}`);
  return [compiledScript(__filename, 'worker-hosts-main.js'), '--pool', pool, '--service-ms', String(serviceMs), '--hosts', String(hosts)];
}

/** The ports line the worker prints once every host listens, or undefined. */
export function parseWorkerPorts(output: string): number[] | undefined {
  const m = /^ports (\[[\d,]+\])$/m.exec(output);
  return m ? (JSON.parse(m[1]) as number[]) : undefined;
}

export interface WorkerHosts {
  readonly pool: string;
  /** host:port of each host, in order h1 … hN. */
  readonly addresses: readonly string[];
  readonly child: Child;
  stop(): Promise<void>;
}

/** Starts the worker hosts of a pool and returns once each answers /ready. */
export async function startWorkerHosts(pool: string, hosts: number, serviceMs: number, progress: Progress, timeoutMs = 30_000): Promise<WorkerHosts> {
  let output = '';
  const take = (line: string): boolean => line.startsWith('ports [') && Boolean((output += `${line}\n`));
  const child = startChild(`hosts ${pool}`, process.execPath, workerHostsArgs(pool, hosts, serviceMs), progress, { take });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.hasExited()) throw new Error(`the worker hosts of pool ${pool} exited before listening; see their output above`);
      const ports = parseWorkerPorts(output);
      if (ports) {
        const ok = await Promise.all(ports.map(async (p) => (await fetch(`http://127.0.0.1:${p}/ready`)).ok));
        if (ok.every(Boolean)) return { pool, addresses: ports.map((p) => `127.0.0.1:${p}`), child, stop: () => child.stop() };
      }
      if (Date.now() > deadline) throw new Error(`the ${hosts} worker hosts of pool ${pool} did not answer /ready within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (err) {
    await child.stop();
    throw err;
  }
}
