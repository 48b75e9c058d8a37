import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import express from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { UNIT_BASIS } from '@shadowfleet/models';
import { startDecisions } from './allocation/start';
import { deferringCooldowns } from './sim/actuation-delay';
import { storePath, type Config } from './config';
import { startKpis } from './feedback/start';
import { createHttpServer } from './http/slow-clients';
import { loadActionRules } from './importers/action-rules';
import { startHaproxyLogEvents } from './ingest/haproxy/start';
import type { Closer, Started } from './lifecycle';
import { exporterLogger, type Logger } from './logger';
import { startBehaviour } from './nextaction/start';
import { policyPreviewer } from './policy/previewer';
import { registerPolicyMetrics } from './policy/metrics';
import { PolicyStore } from './policy/store';
import { checkTrendSettings, DEFAULT_POOLS_FILE, loadPoolModel, trendSettingsFromPoolModel } from './pools/load';
import { startPriority } from './priority/start';
import { startProfiles } from './profiles/start';
import { routeModules, type Services } from './routes';
import { registerShardMetrics } from './shards/metrics';
import { startPolicyFollower } from './shards/policy';
import { shardTopology } from './shards/topology';
import { DuckDbEventStore } from './store/duckdb-store';
import { registerStoreMetrics } from './store/metrics';
import type { EventStore } from './store/types';
import { parseTrendSettings, readTrendSettingsFile } from './trend/settings';
import { startTrend } from './trend/start';

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
  /** Default: the exporter's logger on stderr (logger.ts). */
  readonly logger?: Logger;
}

/** How often retention pruning runs (it also runs once at start). */
export const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** Builds the express app: /healthz, /metrics, then every module in routes.ts. */
export function createApp(services: Services): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(services.registry.contentType).send(await services.registry.metrics());
  });
  for (const mount of routeModules) app.use(mount(services));
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

/** Prunes events older than config.retentionDays now (when it is set) and every PRUNE_INTERVAL_MS. */
function startPruning(store: EventStore, config: Config, now: () => number, log: Logger): Started<void> {
  const prune = (): void => {
    store.prune(now()).then(
      (n) => n > 0 && log.info({ events: n, retentionDays: config.retentionDays }, `pruned ${n} events older than ${config.retentionDays} days`),
      (err: Error) => log.error({ err }, 'pruning failed'),
    );
  };
  if (config.retentionDays > 0) prune();
  const timer = setInterval(prune, PRUNE_INTERVAL_MS);
  timer.unref();
  return { service: undefined, close: () => clearInterval(timer) };
}

/**
 * The composition root: reads and checks the facts every module shares once, builds and starts every
 * service in the order data flows (store -> profiles -> behaviour -> trend -> decisions -> policy
 * previews, KPIs), hands each the typed services it uses, then mounts the routers (routes.ts) and
 * listens. close() stops the services in the reverse order, then the HTTP server, then the store.
 */
export async function startExporter(config: Config, options: StartOptions = {}): Promise<RunningExporter> {
  if (!config.noAuth && !config.authToken) {
    throw new Error('authToken: writes need a bearer token: set SHADOWFLEET_AUTH_TOKEN (16+ characters) or start explicitly without auth (--no-auth)');
  }
  const now = options.now ?? Date.now;
  const logger = options.logger ?? exporterLogger();
  const log = logger.child({ component: 'server' });
  const pools = loadPoolModel(config.poolsFile ?? DEFAULT_POOLS_FILE);
  if (config.trendSettings) {
    const raw = readTrendSettingsFile(config.trendSettings);
    const explicit = new Set(raw !== null && typeof raw === 'object' ? Object.keys(raw) : []);
    checkTrendSettings(pools, parseTrendSettings(raw, `trend settings ${config.trendSettings}`), `trend settings ${config.trendSettings}`, explicit);
  }
  // A shard other than 0 follows shard 0's policy (startPolicyFollower) and reads no policy file of its own.
  const follower = shardTopology(config)?.decider === false;
  const policy = new PolicyStore(config.dataDir, { policyFile: follower ? undefined : config.policyFile, now });
  const actionRules = loadActionRules(config.actionRulesFile);
  const store = options.store ?? (await openStore(config, now));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'shadowfleet_exporter_' });
  registerStoreMetrics(registry, store);
  registerPolicyMetrics(registry, policy);
  registerShardMetrics(registry, config);

  const closers: Closer[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  const started = <T>(s: Started<T>): T => {
    closers.push(s.close);
    return s.service;
  };
  let server: Server;
  try {
    started(startPruning(store, config, now, logger.child({ component: 'retention' })));
    const policyFrom = started(startPolicyFollower({ config, policy, logger }));
    const profiles = started(startProfiles({ config, store, registry, logger }));
    const priority = started(startPriority({ config, registry, policy, profiles, logger }));
    const behaviour = started(startBehaviour({ config, store, registry, unit: pools.complexityUnit, profileIdOf: (u) => profiles.assignedProfile(u)?.id, logger }));
    const profileNameOf = (userId: string): string | undefined => profiles.assignedProfile(userId)?.name;
    started(startTrend({ config, registry, store, now, logger, basis: UNIT_BASIS[pools.complexityUnit], fromPoolModel: trendSettingsFromPoolModel(pools), profileNameOf }));
    const decisions = started(startDecisions({ config, store, registry, pools, policy, behaviour, profileNameOf, logger }));
    for (const warning of deferringCooldowns(pools.pools, config.decisionIntervalSeconds)) log.warn(warning);
    const previewer = policyPreviewer({ config, pools, history: (pool) => decisions.history(pool) });
    const logEvents = started(startHaproxyLogEvents({ config, registry, store, actionRules, logger }));
    const kpis = started(await startKpis({ config, registry, now, logger, onMessage: logEvents?.line }));
    const app = createApp({ config, registry, store, pools, policy, policyFrom, actionRules, previewer, profiles, priority, behaviour, decisions, kpis, onClose: (c) => void closers.push(c) });
    server = await new Promise((resolve, reject) => {
      const s = createHttpServer(app).listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
  } catch (err) {
    await closeAll();
    await store.close();
    throw err;
  }
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host}:${port}`;
  log.info({ url }, `shadowfleet exporter listening on ${url}`);
  return {
    url,
    registry,
    store,
    close: async () => {
      await closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await store.close();
    },
  };
}
