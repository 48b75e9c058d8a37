import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot, spawnManaged, tempDir, waitFor, type ManagedProcess } from '../support/index';

/**
 * The project's own services as child processes, running their real compiled code (`npm test` runs
 * `tsc -b` first) with a temporary data folder each.
 */
export interface RunningService {
  readonly url: string;
  /** host:port, for Prometheus' scrape config. */
  readonly address: string;
  readonly process: ManagedProcess;
  readonly dataDir: string;
  stop(): Promise<void>;
}

function requireBuilt(file: string): void {
  if (!existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: build first with \`npx tsc -b\` (npm test does)`);
}

async function startService(name: string, args: (port: number, dataDir: string) => string[], env: NodeJS.ProcessEnv, readyPath: string): Promise<RunningService> {
  const dir = tempDir(name);
  const port = await freePort();
  const proc = spawnManaged(name, process.execPath, args(port, dir.path), { cwd: repoRoot, env: { ...process.env, ...env } });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await proc.stop();
    dir.remove();
  };
  try {
    await waitFor(async () => (await fetch(`${url}${readyPath}`)).ok, { what: `${name} ${readyPath}`, abortIf: proc.assertRunning, timeoutMs: 60_000 });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, address: `127.0.0.1:${port}`, process: proc, dataDir: dir.path, stop };
}

/** `shadowfleet start` on loopback with an empty store (no bundled samples) and the given write token. */
export function startExporterProcess(token: string, extraArgs: readonly string[] = []): Promise<RunningService> {
  const bin = path.join(repoRoot, 'exporter', 'bin', 'shadowfleet.js');
  requireBuilt(path.join(repoRoot, 'exporter', 'dist', 'cli', 'main.js'));
  return startService(
    'exporter',
    (port, dataDir) => [bin, 'start', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, '--no-samples', ...extraArgs],
    { SHADOWFLEET_AUTH_TOKEN: token },
    '/healthz',
  );
}

/** The Alertmanager webhook with a JSON config file (pools, timings) and a bearer token from the environment. */
export function startWebhookProcess(token: string, config: Record<string, unknown>): Promise<RunningService> {
  const main = path.join(repoRoot, 'alertmanager-webhook', 'dist', 'cli', 'main.js');
  requireBuilt(main);
  return startService(
    'webhook',
    (port, dataDir) => {
      const file = path.join(dataDir, 'webhook.json');
      writeFileSync(file, JSON.stringify({ ...config, host: '127.0.0.1', port, dataDir: path.join(dataDir, 'state') }, null, 2));
      return [main, '--config', file];
    },
    { SHADOWFLEET_WEBHOOK_TOKEN: token },
    '/healthz',
  );
}
