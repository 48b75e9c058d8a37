import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, startService as startWebhookService, type RunningService as WebhookService } from '@shadowfleet/alertmanager-webhook';
import { memoryLogger, type LogEntry } from '@shadowfleet/service-kit/testing';
import { freePort, repoRoot, spawnManaged, tempDir, waitFor, type ManagedProcess, shadowfleetBin } from '../support/index';

/**
 * The project's own services running their real code with a temporary data folder each: the exporter
 * as a child process (`shadowfleet start` from the compiled dist; `npm test` runs `tsc -b` first), the
 * webhook in this process through its exported service.
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

/** `shadowfleet start` on loopback with an empty store (no bundled samples), the given write token and extra environment. */
export function startExporterProcess(token: string, extraArgs: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  const bin = shadowfleetBin;
  requireBuilt(path.join(repoRoot, 'exporter', 'dist', 'cli', 'main.js'));
  return startService(
    'exporter',
    (port, dataDir) => [bin, 'start', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir, '--no-samples', ...extraArgs],
    { ...env, SHADOWFLEET_AUTH_TOKEN: token },
    '/healthz',
  );
}

/** One line the webhook logged (its JSON logger's fields). */
/** One line of the webhook's log (service-kit's logger): `level`, `msg`, `time`, `component` and the call's fields. */
export type WebhookLogEntry = LogEntry;

export interface RunningWebhook {
  readonly url: string;
  readonly address: string;
  readonly service: WebhookService;
  /** Everything the webhook logged, for assertions and failure messages. */
  readonly log: WebhookLogEntry[];
  stop(): Promise<void>;
}

/**
 * The Alertmanager webhook's real service (its exported startService: config schema, intent log,
 * engine, drivers, HTTP app) in this process, on a free loopback port with a temporary data folder.
 */
export async function startWebhook(token: string, config: Record<string, unknown>): Promise<RunningWebhook> {
  const dir = tempDir('webhook');
  const logger = memoryLogger({ service: 'alertmanager-webhook' });
  const log = logger.entries;
  try {
    const parsed = parseConfig({ ...config, host: '127.0.0.1', port: 0, dataDir: dir.path, auth: { type: 'bearer', token } }, 'e2e webhook config');
    const service = await startWebhookService({ config: parsed, logger });
    return {
      url: service.url,
      address: service.url.replace(/^http:\/\//, ''),
      service,
      log,
      stop: async () => {
        await service.stop(5_000);
        dir.remove();
      },
    };
  } catch (err) {
    dir.remove();
    throw err;
  }
}
