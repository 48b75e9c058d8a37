import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../support/index';
import { startWebhookProcess, type WebhookProcess } from '../../bench/webhook/process';

/** An arm's pool as the pool model declares it: the HAProxy backend the webhook's haproxy driver scales, and its servers. */
export interface AbPoolSpec {
  readonly pool: string;
  readonly servers: readonly string[];
}

/** What the pool model says of every arm's hosts (models/src/pools): calibrated capacity, lead times, bounds. */
export interface AbPoolSettings {
  /** Requests per second one host serves (the capacity the strategies size with, per wall-clock second). */
  readonly hostCapacityPerSecond: number;
  readonly coldStartSeconds: number;
  readonly activationSeconds: number;
  readonly standbyCost: number;
}

export interface AbWebhook {
  readonly url: string;
  readonly token: string;
  /** The pool model file the webhook reads (its `poolsFile`), for the runner's `pools_file`. */
  readonly poolsFile: string;
  readonly process: WebhookProcess;
  stop(): Promise<void>;
}

/** The A/B pool model: one haproxy-driver pool per arm (pool name = backend name), in the complexity unit "requests". */
export function abPoolModel(pools: readonly AbPoolSpec[], socketPath: string, s: AbPoolSettings): Record<string, unknown> {
  return {
    complexityUnit: 'requests',
    pools: Object.fromEntries(
      pools.map((p) => [
        p.pool,
        {
          driver: 'haproxy',
          // Drain briefly: a host serves one 50 ms request at a time, and a strategy minute is half a second.
          options: { socket: socketPath, backend: p.pool, servers: p.servers, drainTimeoutSeconds: 0.2 },
          min: 1,
          max: p.servers.length,
          hostCapacity: s.hostCapacityPerSecond,
          coldStartSeconds: s.coldStartSeconds,
          activationSeconds: s.activationSeconds,
          standbyCost: s.standbyCost,
          // The strategy paces the pool; the webhook applies each minute's set-point at once.
          cooldownSeconds: 0,
        },
      ]),
    ),
  };
}

/**
 * The real `shadowfleet-webhook` command (compiled) reading the A/B pool model through `poolsFile`, with a
 * bearer token, its haproxy driver acting on the A/B HAProxy. Its global change limit is lifted: at 120×
 * time three pools may change every half second, which no production rate limit is set for.
 */
export async function startAbWebhook(pools: readonly AbPoolSpec[], socketPath: string, settings: AbPoolSettings): Promise<AbWebhook> {
  const dir = tempDir('ab-webhook');
  const token = randomBytes(24).toString('hex');
  const poolsFile = path.join(dir.path, 'pools.json');
  writeFileSync(poolsFile, JSON.stringify(abPoolModel(pools, socketPath, settings), null, 2));
  const config = { poolsFile: 'pools.json', dataDir: path.join(dir.path, 'data'), auth: { type: 'bearer', token }, rateLimit: { maxChanges: 1_000_000, windowSeconds: 1 } };
  let proc: WebhookProcess;
  try {
    proc = await startWebhookProcess(config, dir.path);
  } catch (err) {
    dir.remove();
    throw err;
  }
  return {
    url: proc.url,
    token,
    poolsFile,
    process: proc,
    stop: async () => {
      await proc.stop();
      dir.remove();
    },
  };
}
