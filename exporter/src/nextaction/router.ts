import express from 'express';
import type { ComplexityUnit } from '@shadowfleet/models';
import { requireBearer } from '../ingest/auth';
import type { BehaviourService } from './behaviour-service';

/** GET /v1/complexity, GET /v1/forecast/complexity-load, POST /v1/nextaction/retrain (bearer). */
export function behaviourRouter(service: BehaviourService, authToken: string | undefined, unit: ComplexityUnit): express.Router {
  const router = express.Router();
  router.get('/v1/complexity', (_req, res) => {
    res.json({ unit: unit, basis: service.scorer.options.basis, events: service.scorer.events, actions: service.scorer.snapshot() });
  });
  router.get('/v1/forecast/complexity-load', (_req, res) => {
    res.json({ at: new Date(service.lastRefreshMs).toISOString(), unit, model: service.modelVersion, liveTop1: service.liveTop1, forecasts: service.forecasts });
  });
  router.post('/v1/nextaction/retrain', requireBearer(authToken), async (_req, res) => {
    try {
      res.json(await service.retrain());
    } catch (err) {
      res.status(409).json({ error: 'retrain_failed', message: (err as Error).message });
    }
  });
  return router;
}
