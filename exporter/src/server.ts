import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import express from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { UNIT_BASIS } from '@shadowfleet/models';
import { storePath, type Config } from './config';
import { routeModules, type AppContext, type Closer, type SharedLookups } from './routes';
import { DuckDbEventStore } from './store/duckdb-store';
import { registerStoreMetrics } from './store/metrics';
import type { EventStore } from './store/types';
import { startTrend } from './trend/start';
import { startKpis } from './feedback/start';
import { checkTrendSettings, DEFAULT_POOLS_FILE, loadPoolModel, trendSettingsFromPoolModel } from './pools/load';
import { PolicyStore } from './policy/store';
import { parseTrendSettings, readTrendSettingsFile } from './trend/settings';
import { createHttpServer } from './http/slow-clients';

export interface RunningExporter {
  readonly url: string;
  readonly registry: Registry;
  readonly store: EventStore;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Use this store instead of opening the DuckDB store in the data dir (it is closed with the exporter). */
  readonly store?: EventStore;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

/** How often retention pruning runs (it also runs once at start). */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** Builds the express app: /healthz, /metrics, then every module in routes.ts. */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(ctx.registry.contentType).send(await ctx.registry.metrics());
  });
  for (const mount of routeModules) app.use(mount(ctx));
  return app;
}

/** Opens the store in config.dataDir, creating the folder. */
export async function openStore(config: Config, now?: () => number): Promise<DuckDbEventStore> {
  mkdirSync(config.dataDir, { recursive: true });
  return DuckDbEventStore.open({
    path: storePath(config),
    sessionGapMinutes: config.sessionGapMinutes,
    retentionDays: config.retentionDays,
    now,
  });
}

export async function startExporter(config: Config, options: StartOptions = {}): Promise<RunningExporter> {
  if (!config.noAuth && !config.authToken) {
    throw new Error('authToken: writes need a bearer token: set SHADOWFLEET_AUTH_TOKEN (16+ characters) or start explicitly without auth (--no-auth)');
  }
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // The composition root: the facts every module shares are read and checked once, before anything starts.
  const pools = loadPoolModel(config.poolsFile ?? DEFAULT_POOLS_FILE);
  if (config.trendSettings) {
    const raw = readTrendSettingsFile(config.trendSettings);
    const explicit = new Set(raw !== null && typeof raw === 'object' ? Object.keys(raw) : []);
    checkTrendSettings(pools, parseTrendSettings(raw, `trend settings ${config.trendSettings}`), `trend settings ${config.trendSettings}`, explicit);
  }
  const policy = new PolicyStore(config.dataDir, { policyFile: config.policyFile, now });
  const store = options.store ?? (await openStore(config, now));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'shadowfleet_exporter_' });
  registerStoreMetrics(registry, store);
  const closers: Closer[] = [];
  const shared: SharedLookups = {};
  const app = createApp({ config, registry, store, pools, policy, onClose: (c) => void closers.push(c), shared });

  const prune = (): void => {
    store.prune(now()).then(
      (n) => n > 0 && log(`retention: pruned ${n} events older than ${config.retentionDays} days`),
      (err: Error) => log(`retention: pruning failed: ${err.message}`),
    );
  };
  if (config.retentionDays > 0) prune();
  const pruneTimer = setInterval(prune, PRUNE_INTERVAL_MS);
  pruneTimer.unref();

  const kpis = await startKpis({ config, registry, now, log });
  let server: Server;
  try {
    server = await new Promise((resolve, reject) => {
      const s = createHttpServer(app).listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
  } catch (err) {
    clearInterval(pruneTimer);
    await kpis.stop();
    for (const close of closers) await close();
    await store.close();
    throw err;
  }
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host}:${port}`;
  log(`shadowfleet exporter listening on ${url}`);
  const trend = startTrend({ config, registry, store, now, log, basis: UNIT_BASIS[pools.complexityUnit], fromPoolModel: trendSettingsFromPoolModel(pools), profileNameOf: (userId) => shared.profileOf?.(userId)?.name });
  shared.trendPlan = () => trend.refresher.latest()?.analysis.plan;
  return {
    url,
    registry,
    store,
    close: async () => {
      clearInterval(pruneTimer);
      await trend.stop();
      await kpis.stop();
      for (const close of closers) await close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await store.close();
    },
  };
}
