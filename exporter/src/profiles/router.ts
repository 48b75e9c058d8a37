import express, { type ErrorRequestHandler } from 'express';
import { requireBearer } from '../ingest/auth';
import type { ProfileService } from './service';
import { profilesView } from './view';

/** GET /v1/profiles, GET /v1/users/:id/profile, POST /v1/profiles/rebuild (bearer token unless --no-auth). */
export function profilesRouter(service: ProfileService, authToken: string | undefined): express.Router {
  const router = express.Router();
  router.get('/v1/profiles', (_req, res) => {
    res.json(profilesView(service.model, service.lastRebuild, service.rebuilding, service.modelFrom));
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
    res.json({ rebuilt: true, ...summary, profiles: profilesView(service.model, summary).profiles, ...(service.modelFrom ? { modelFrom: service.modelFrom } : {}) });
  });
  const failed: ErrorRequestHandler = (err: Error, _req, res, _next) => {
    const error = /no events in the store/.test(err.message) ? 'no_data' : /no profile model yet/.test(err.message) ? 'no_model' : 'profile_error';
    res.status(error === 'profile_error' ? 500 : 409).json({ error, message: err.message });
  };
  router.use(['/v1/profiles', '/v1/users/:id/profile'], failed);
  return router;
}
