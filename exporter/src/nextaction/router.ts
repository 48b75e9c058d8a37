import path from 'node:path';
import express from 'express';
import { UNIT_BASIS, type ComplexityUnit } from '@shadowfleet/models';
import { requireBearer } from '../ingest/auth';
import type { AppContext } from '../routes';
import { BehaviourService } from './behaviour-service';
import { registerBehaviourMetrics } from './metrics';
import { ModelStore } from './model-store';

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

/**
 * The route module: a BehaviourService on the store (complexity basis "bytes" unless events carry cost
 * or duration — see models/src/complexity/cost.ts), its gauges, the refresh and retraining schedule
 * (config.forecastRefreshSeconds and config.retrainMinutes; the timers do not keep the process alive
 * and stop on the exporter's close()), and versioned models under <dataDir>/models/nextaction.
 */
export function behaviourModule(ctx: AppContext): express.Router {
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const service = new BehaviourService({
    store: ctx.store,
    models: new ModelStore(path.join(ctx.config.dataDir, 'models', 'nextaction')),
    basis: UNIT_BASIS[ctx.pools.complexityUnit],
    sessionGapMinutes: ctx.config.sessionGapMinutes,
    maxTrackedSessions: ctx.config.maxTrackedSessions,
    profileOf: (userId) => ctx.shared.profileOf?.(userId)?.id,
    log,
  });
  registerBehaviourMetrics(ctx.registry, service);
  ctx.shared.behaviour = () => ({ forecasts: service.forecasts, refreshedAtMs: service.lastRefreshMs });
  const report = (what: string) => (err: Error) => log(`behaviour: ${what} failed: ${err.message}`);
  void service.start().then(() => service.refresh()).catch(report('start'));
  const timers = [setInterval(() => void service.refresh().catch(report('refresh')), ctx.config.forecastRefreshSeconds * 1000)];
  if (ctx.config.retrainMinutes > 0) timers.push(setInterval(() => void service.retrain().catch(report('retraining')), ctx.config.retrainMinutes * 60_000));
  for (const t of timers) t.unref();
  ctx.onClose(async () => {
    for (const t of timers) clearInterval(t);
    await service.close();
  });
  return behaviourRouter(service, ctx.config.noAuth ? undefined : ctx.config.authToken, ctx.pools.complexityUnit);
}
