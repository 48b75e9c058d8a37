import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './ports';
import { spawnManaged, tempDir, type ManagedProcess } from './process';
import { getJson, waitFor } from './wait';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';

export interface AlertmanagerAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly fingerprint: string;
  readonly status: { readonly state: string };
}

export interface RunningAlertmanager {
  readonly url: string;
  /** host:port, for Prometheus' alerting config. */
  readonly address: string;
  readonly process: ManagedProcess;
  alerts(): Promise<AlertmanagerAlert[]>;
  stop(): Promise<void>;
}

export interface AlertmanagerOptions {
  /** The alertmanager.yml text. */
  readonly config: string;
  /** Extra files written beside the config (e.g. a credentials file it refers to by relative path). */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * Starts the Debian Alertmanager on loopback as a single instance (clustering off with an empty
 * --cluster.listen-address) with a temporary config and storage folder; returns once /-/ready answers.
 */
export async function startAlertmanager(opts: AlertmanagerOptions): Promise<RunningAlertmanager> {
  const dir = tempDir('alertmanager');
  const port = await freePort();
  const configFile = path.join(dir.path, 'alertmanager.yml');
  writeFileSync(configFile, opts.config);
  for (const [name, content] of Object.entries(opts.files ?? {})) {
    writeFileSync(path.join(dir.path, name), content, { mode: 0o600 });
  }
  const proc = spawnManaged(
    'alertmanager',
    ALERTMANAGER_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.path=${path.join(dir.path, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { cwd: dir.path },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await proc.stop();
    dir.remove();
  };
  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, { what: 'Alertmanager /-/ready', abortIf: proc.assertRunning });
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    address: `127.0.0.1:${port}`,
    process: proc,
    alerts: () => getJson<AlertmanagerAlert[]>(`${url}/api/v2/alerts`),
    stop,
  };
}
