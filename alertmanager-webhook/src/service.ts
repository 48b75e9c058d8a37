import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Registry } from 'prom-client';
import type { WebhookConfig } from './config/schema';
import { isClosable, isStartable } from './drivers/driver';
import { restoreHeldTotals } from './engine/held-totals';
import { createDriver } from './drivers/registry';
import { ActionEngine } from './engine/engine';
import { reconcile, type ReconcileSummary } from './engine/reconcile';
import type { PoolRuntime } from './engine/types';
import { createApp } from './http/app';
import { createHttpServer } from './http/timeouts';
import { IntentLog } from './intents/log';
import { WebhookMetrics } from './metrics/metrics';
import { systemClock, type Clock } from './util/clock';
import { webhookLogger, type Logger } from './util/logger';

export interface ServiceOptions {
  readonly config: WebhookConfig;
  readonly registry?: Registry;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

export interface RunningService {
  readonly url: string;
  readonly engine: ActionEngine;
  readonly pools: ReadonlyMap<string, PoolRuntime>;
  readonly registry: Registry;
  readonly reconciled: ReconcileSummary;
  /** SIGTERM path: stop accepting, drain in-flight actions within the deadline, release drivers. */
  stop(deadlineMs?: number): Promise<{ finished: boolean; interrupted: number; leftQueued: number }>;
}

export const intentLogPath = (config: Pick<WebhookConfig, 'dataDir'>) => path.join(config.dataDir, 'intents.jsonl');

/** Creates drivers, opens the intent log, reconciles unfinished intents, then listens. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config } = options;
  const logger = options.logger ?? webhookLogger();
  const clock = options.clock ?? systemClock;
  const registry = options.registry ?? new Registry();
  const pools = new Map<string, PoolRuntime>();
  for (const [name, pool] of Object.entries(config.pools)) {
    pools.set(name, { name, config: pool, driver: createDriver(pool.driver, pool.options, { pool: name, logger: logger.child({ component: 'driver', driver: pool.driver }) }) });
  }
  const closeDrivers = () => Promise.allSettled([...pools.values()].map((p) => (isClosable(p.driver) ? p.driver.close() : undefined)));
  let log: IntentLog | undefined;
  try {
    for (const p of pools.values()) if (isStartable(p.driver)) await p.driver.start();
    const opened = await IntentLog.open(intentLogPath(config), logger.child({ component: 'intent-log' }), { now: clock.now(), retentionMs: config.intentRetentionDays * 86_400_000 });
    log = opened.log;
    const ref: { engine?: ActionEngine } = {};
    const metrics = new WebhookMetrics(registry, {
      poolSizes: async () => [...pools.values()].map((p) => ({ pool: p.name, driver: p.driver.kind, status: ref.engine?.lastObserved(p.name) })),
      queuedIntents: () => ref.engine?.queuedIntents() ?? 0,
    });
    const engine = new ActionEngine({ limits: config, pools, log, metrics, clock, logger: logger.child({ component: 'engine' }) });
    ref.engine = engine;
    for (const p of pools.values()) {
      try {
        engine.observed(p.name, await p.driver.status());
      } catch (err) {
        logger.warn({ pool: p.name, err }, 'cannot observe pool at start');
      }
    }
    const reconciled = await reconcile(opened.records, { engine, pools, now: clock.now(), maxAgeMs: config.intentMaxAgeSeconds * 1000, actionTimeoutMs: config.actionTimeoutSeconds * 1000, logger: logger.child({ component: 'reconcile' }) });
    logger.info({ ...reconciled }, 'intent log reconciled');
    if (!config.dryRun) await restoreHeldTotals(opened.records, pools, (p, st) => engine.observed(p, st), logger.child({ component: 'reconcile' }));
    engine.begin();
    let ready = false;
    const app = createApp({ engine, auth: config.auth, readToken: config.readToken, bodyLimitBytes: config.bodyLimitBytes, maxAlertsPerRequest: config.maxAlertsPerRequest, registry, metrics, logger: logger.child({ component: 'http' }), ready: () => ready });
    const server: Server = await new Promise((resolve, reject) => {
      const s = createHttpServer(app);
      s.once('error', reject);
      s.listen(config.port, config.host, () => resolve(s));
    });
    ready = true;
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    logger.info({ url, pools: [...pools.keys()], dryRun: config.dryRun, auth: config.auth.type }, 'webhook listening');
    const liveLog = log;
    return {
      url,
      engine,
      pools,
      registry,
      reconciled,
      async stop(deadlineMs = config.drainTimeoutSeconds * 1000) {
        ready = false;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const drained = await engine.drain(deadlineMs);
        server.closeAllConnections();
        await closed;
        await liveLog.close();
        await closeDrivers();
        logger.info({ ...drained }, 'webhook stopped');
        return drained;
      },
    };
  } catch (err) {
    await log?.close();
    await closeDrivers();
    throw err;
  }
}
