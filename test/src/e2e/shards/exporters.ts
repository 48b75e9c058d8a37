import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot, spawnManaged, tempDir, waitFor, type ManagedProcess, shadowfleetBin } from '../../support/index';
import { seedStore, type SiteEvent } from './events';

export interface RunningExporter {
  readonly url: string;
  readonly port: number;
  readonly process: ManagedProcess;
  stop(): Promise<void>;
}

/** Settings every exporter of the test shares: quick forecast refreshes and profile-model checks, no scheduled rebuilds (one at start) or retraining. */
const COMMON_ENV = {
  SHADOWFLEET_FORECAST_REFRESH_SECONDS: '1',
  SHADOWFLEET_PROFILE_REBUILD_MINUTES: '0',
  SHADOWFLEET_RETRAIN_MINUTES: '0',
  SHADOWFLEET_DECISION_INTERVAL_SECONDS: '60',
  SHADOWFLEET_SHARD_PROFILE_POLL_SECONDS: '1',
};

/** `shadowfleet start` from the compiled code on loopback, its store holding `history`, with the given environment. */
export async function startExporter(name: string, port: number, token: string, history: readonly SiteEvent[], env: Record<string, string> = {}): Promise<RunningExporter> {
  const bin = shadowfleetBin;
  if (!existsSync(path.join(repoRoot, 'exporter', 'dist', 'cli', 'main.js'))) throw new Error('exporter/dist is missing: build first with `npx tsc -b` (npm test does)');
  const dir = tempDir(name);
  await seedStore(path.join(dir.path, 'events.duckdb'), history);
  const args = [bin, 'start', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dir.path, '--no-samples'];
  const proc = spawnManaged(name, process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...COMMON_ENV, SHADOWFLEET_AUTH_TOKEN: token, ...env } });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await proc.stop();
    dir.remove();
  };
  try {
    await waitFor(async () => (await fetch(`${url}/v1/shard`)).ok, { what: `${name} answering GET /v1/shard`, abortIf: proc.assertRunning, timeoutMs: 60_000 });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, process: proc, stop };
}

/** Shards on free ports, each told every shard's URL and its own index, holding its part of the history, with `env(i)` besides. */
export async function startShards(token: string, histories: readonly SiteEvent[][], env: (i: number) => Record<string, string> = () => ({}), extraPorts = 0): Promise<{ shards: RunningExporter[]; extraPorts: number[]; stop(): Promise<void> }> {
  const ports = await Promise.all(Array.from({ length: histories.length + extraPorts }, () => freePort()));
  const urls = ports.slice(0, histories.length).map((p) => `http://127.0.0.1:${p}`);
  const shards: RunningExporter[] = [];
  const stop = async (): Promise<void> => void (await Promise.all(shards.map((e) => e.stop())));
  try {
    for (const [i, history] of histories.entries()) shards.push(await startExporter(`shard-${i}`, ports[i], token, history, { SHADOWFLEET_SHARDS: urls.join(','), SHADOWFLEET_SHARD_INDEX: String(i), ...env(i) }));
  } catch (err) {
    await stop();
    throw err;
  }
  return { shards, extraPorts: ports.slice(histories.length), stop };
}

/** Shards (startShards) and one exporter with all of the history. */
export async function startShardsAndSingle(token: string, history: { readonly shards: readonly SiteEvent[][]; readonly single: readonly SiteEvent[] }): Promise<{ shards: RunningExporter[]; single: RunningExporter; stop(): Promise<void> }> {
  const { shards, extraPorts, stop } = await startShards(token, [...history.shards], () => ({}), 1);
  try {
    const single = await startExporter('single', extraPorts[0], token, history.single);
    return { shards, single, stop: async () => void (await Promise.all([stop(), single.stop()])) };
  } catch (err) {
    await stop();
    throw err;
  }
}
