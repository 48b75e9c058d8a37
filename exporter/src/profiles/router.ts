import express, { type ErrorRequestHandler } from 'express';
import { DEFAULT_BUILD_OPTIONS, type BuildOptions } from '@shadowfleet/models';
import type { Config } from '../config';
import { requireBearer } from '../ingest/auth';
import type { AppContext } from '../routes';
import { registerProfileMetrics } from './metrics';
import { ProfileService } from './service';
import { storeAggregateSource } from './source';
import { profilesView } from './view';

/** GET /v1/profiles, GET /v1/users/:id/profile, POST /v1/profiles/rebuild (bearer token unless --no-auth). */
export function profilesRouter(service: ProfileService, authToken: string | undefined): express.Router {
  const router = express.Router();
  router.get('/v1/profiles', (_req, res) => {
    res.json(profilesView(service.model, service.lastRebuild, service.rebuilding));
  });
  router.get('/v1/users/:id/profile', async (req, res) => {
    if (!service.model) {
      res.status(503).json({ error: 'no_model', message: 'no profile model yet: POST /v1/profiles/rebuild (or wait for the scheduled rebuild)' });
      return;
    }
    const p = await service.profileOf(req.params.id);
    if (!p) res.status(404).json({ error: 'unknown_user', message: `user ${JSON.stringify(req.params.id)} has no events in the store` });
    else res.json(p);
  });
  router.post('/v1/profiles/rebuild', requireBearer(authToken), async (_req, res) => {
    const summary = await service.rebuild();
    res.json({ rebuilt: true, ...summary, profiles: profilesView(service.model, summary).profiles });
  });
  const failed: ErrorRequestHandler = (err: Error, _req, res, _next) => {
    const noData = /no events in the store/.test(err.message);
    res.status(noData ? 409 : 500).json({ error: noData ? 'no_data' : 'profile_error', message: err.message });
  };
  router.use(['/v1/profiles', '/v1/users/:id/profile'], failed);
  return router;
}

/** Build options from the configuration. */
export function profileBuildOptions(config: Pick<Config, 'profileKMax' | 'profileKRule'>): BuildOptions {
  return { ...DEFAULT_BUILD_OPTIONS, kSelection: { ...DEFAULT_BUILD_OPTIONS.kSelection, kMax: config.profileKMax, rule: config.profileKRule } };
}

/**
 * The route module: a ProfileService on the store and data dir, its metrics on the registry, and the
 * rebuild schedule (config.profileRebuildMinutes; 0 = on demand only). Its timers do not keep the
 * process alive; the exporter's close() stops them and waits for a running rebuild.
 */
export function profilesModule(ctx: AppContext): express.Router {
  const { config, store, registry } = ctx;
  const service = new ProfileService({
    dataDir: config.dataDir,
    source: storeAggregateSource(store, { sessionGapMinutes: config.sessionGapMinutes }),
    build: profileBuildOptions(config),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  registerProfileMetrics(registry, service);
  ctx.onClose(() => service.close());
  ctx.shared.profileOf = (userId) => service.assignedProfile(userId);
  service.startSchedule(config.profileRebuildMinutes * 60_000);
  return profilesRouter(service, config.noAuth ? undefined : config.authToken);
}
