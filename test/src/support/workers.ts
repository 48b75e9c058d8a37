import { compiledScript } from '@shadowfleet/service-kit';
import { freePort } from './ports';
import { spawnManaged, type ManagedProcess } from './process';
import { waitFor } from './wait';

/**
 * A worker is a real process (node, worker-main.ts compiled) serving HTTP on loopback; it answers every
 * request with its own name in the body and in `x-served-by`, so a client behind HAProxy can tell which
 * host served it.
 */
export interface RunningWorker {
  readonly name: string;
  readonly address: string;
  readonly process: ManagedProcess;
  /** Requests this worker has served (read from the worker itself, not through the load balancer). */
  served(): Promise<number>;
  stop(): Promise<void>;
}

export async function startWorker(name: string): Promise<RunningWorker> {
  const port = await freePort();
  const proc = spawnManaged(`worker ${name}`, process.execPath, [compiledScript(__filename, 'worker-main.js'), '--name', name, '--port', String(port)]);
  const url = `http://127.0.0.1:${port}`;
  const served = async (): Promise<number> => Number(await (await fetch(`${url}/served`)).text());
  try {
    await waitFor(async () => (await served()) >= 0, { what: `worker ${name}`, abortIf: proc.assertRunning });
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { name, address: `127.0.0.1:${port}`, process: proc, served, stop: () => proc.stop() };
}

/** Sends one request through the load balancer and returns the name of the worker that served it. */
export async function servedBy(url: string): Promise<string> {
  const res = await fetch(url, { headers: { connection: 'close' } });
  await res.arrayBuffer();
  const by = res.headers.get('x-served-by');
  if (!res.ok || !by) throw new Error(`request through ${url} failed: ${res.status}`);
  return by;
}
