import { freePort } from './ports';
import { spawnManaged, type ManagedProcess } from './process';
import { waitFor } from './wait';

/**
 * A worker is a real process (node) serving HTTP on loopback; it answers every request with its own name
 * in the body and in `x-served-by`, so a client behind HAProxy can tell which host served it.
 */
const WORKER_SOURCE = `
const http = require('node:http');
const [name, port] = process.argv.slice(1);
let served = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/served') { res.end(String(served)); return; }
  served += 1;
  res.setHeader('x-served-by', name);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ server: name, served }));
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

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
  const proc = spawnManaged(`worker ${name}`, process.execPath, ['-e', WORKER_SOURCE, name, String(port)]);
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
