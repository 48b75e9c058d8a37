import { replay } from '@shadowfleet/exporter';
import { spawnManaged, waitFor, type ManagedProcess } from '../../support/index';

export interface PoolWorkers {
  readonly pool: string;
  /** host:port of each host, in order h1 … hN. */
  readonly addresses: readonly string[];
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

/** The worker hosts of a pool (exporter/src/hosts/worker-hosts.ts: one port per host, fixed service time) as a managed test process. */
export async function startPoolWorkers(pool: string, hosts: number, serviceMs: number): Promise<PoolWorkers> {
  const proc = spawnManaged(`pool ${pool}`, process.execPath, replay.workerHostsArgs(pool, hosts, serviceMs));
  try {
    const ports = await waitFor(
      async () => {
        const list = replay.parseWorkerPorts(proc.output());
        if (!list) return undefined;
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
