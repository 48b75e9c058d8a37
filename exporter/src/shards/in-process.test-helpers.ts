import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '@shadowfleet/service-kit';
import { freePort } from '@shadowfleet/service-kit/testing';
import { loadConfig } from '../config';
import { startExporter, type RunningExporter } from '../server';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { IncomingEvent } from '../store/types';

export interface InProcessShards {
  readonly shards: RunningExporter[];
  readonly urls: string[];
  readonly dirs: string[];
  close(): Promise<void>;
}

/**
 * `count` exporter shards in this process on loopback, each with an in-memory DuckDB store holding `events(i)`,
 * its own data dir, and the settings `overrides(i)` over quiet defaults (no samples, no scheduled rebuilds or retraining).
 */
export async function startShardsInProcess(
  count: number,
  token: string,
  options: { readonly overrides?: (i: number, dir: string) => Parameters<typeof loadConfig>[1]; readonly events?: (i: number) => readonly IncomingEvent[] } = {},
): Promise<InProcessShards> {
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const urls = ports.map((p) => `http://127.0.0.1:${p}`);
  const shards: RunningExporter[] = [];
  const dirs: string[] = [];
  for (const [i, port] of ports.entries()) {
    const dir = mkdtempSync(path.join(os.tmpdir(), `sf-shard-${i}-`));
    dirs.push(dir);
    const config = loadConfig({}, { host: '127.0.0.1', port, dataDir: dir, authToken: token, importSamples: false, retrainMinutes: 0, profileRebuildMinutes: 0, shards: urls.join(','), shardIndex: i, ...options.overrides?.(i, dir) });
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    const events = options.events?.(i) ?? [];
    if (events.length > 0) await store.append(events);
    shards.push(await startExporter(config, { store, logger: silentLogger() }));
  }
  return {
    shards,
    urls,
    dirs,
    close: async () => {
      for (const s of shards) await s.close().catch(() => undefined);
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}
