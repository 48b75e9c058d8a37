import net from 'node:net';

/** The loopback ports of a replay, from --port-base upwards. */
export interface ReplayPorts {
  readonly exporter: number;
  readonly webhook: number;
  readonly prometheus: number;
  readonly alertmanager: number;
  readonly haproxy: number;
}

export const DEFAULT_PORT_BASE = 19460;

export function replayPorts(base: number): ReplayPorts {
  if (!(Number.isInteger(base) && base >= 1024 && base <= 65530)) throw new RangeError(`--port-base must be a whole number in 1024 … 65530, got ${base}`);
  return { exporter: base, webhook: base + 1, prometheus: base + 2, alertmanager: base + 3, haproxy: base + 4 };
}

/** Resolves when `port` can be bound on 127.0.0.1, rejects naming it (and what would use it) when it cannot. */
function checkFree(name: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`port ${port} (for ${name}) is ${err.code === 'EADDRINUSE' ? 'in use' : `not available: ${err.message}`}; stop what uses it or give --port-base (the replay uses 5 ports from it)`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Checks every port of the replay before anything starts. */
export async function checkPortsFree(ports: ReplayPorts): Promise<void> {
  for (const [name, port] of Object.entries(ports)) await checkFree(name, port);
}
