import express from 'express';
import { requireBearer } from '../ingest/auth';
import type { AppContext } from '../routes';
import { LiveExperiments, liveSegment, readExperimentFiles } from './experiments';
import type { KpiWindow } from './kpi-window';
import { kpiWindowOf } from './start';

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * GET /v1/experiments: the experiments of the configured results files and the live ones, each with
 * its metrics (difference and 95 % interval) and verdict — the shape the Grafana Experiments page reads.
 * POST /v1/experiments/:id/segments (bearer token): one matched segment of a live experiment.
 * GET /v1/kpis: the HAProxy KPIs per profile (when the syslog listener is configured).
 */
export function feedbackRouter(files: readonly string[], authToken: string | undefined, kpis: () => KpiWindow | undefined): express.Router {
  const router = express.Router();
  const live = new LiveExperiments();
  router.get('/v1/experiments', (_req, res) => {
    try {
      res.json({ experiments: [...readExperimentFiles(files), ...live.list()] });
    } catch (err) {
      res.status(500).json({ error: 'experiments_unreadable', message: (err as Error).message });
    }
  });
  router.post('/v1/experiments/:id/segments', requireBearer(authToken), express.json({ limit: '4kb' }), (req, res) => {
    const id = String(req.params.id);
    if (!ID.test(id)) return res.status(400).json({ error: 'invalid_id', message: `id must match ${ID.source}, got "${id.slice(0, 80)}"` });
    const parsed = liveSegment.safeParse(req.body);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return res.status(400).json({ error: 'invalid_segment', message: `${i?.path.join('.') || 'body'}: ${i?.message}` });
    }
    try {
      res.status(201).json(live.add(id, parsed.data));
    } catch (err) {
      res.status(429).json({ error: 'too_many_experiments', message: (err as Error).message });
    }
  });
  router.get('/v1/kpis', (_req, res) => {
    const window = kpis();
    if (!window) return res.status(404).json({ error: 'kpis_off', message: 'set SHADOWFLEET_KPI_SYSLOG_PORT and point HAProxy\'s log line at it' });
    res.json({ profiles: window.kpis() });
  });
  return router;
}

/** The route module: files from config.experimentsFiles; KPIs from the window startKpis opened. */
export function feedbackModule(ctx: AppContext): express.Router {
  const files = ctx.config.experimentsFiles
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  return feedbackRouter(files, ctx.config.noAuth ? undefined : ctx.config.authToken, () => kpiWindowOf(ctx.registry));
}
