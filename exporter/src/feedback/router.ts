import express from 'express';
import { requireBearer } from '../ingest/auth';
import { LiveExperiments, liveSegment, readExperimentFiles } from './experiments';
import type { KpiWindows } from './start';
import { issueLines } from '@shadowfleet/models';
import { strictJson } from '../http/strict-json';

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * GET /v1/experiments: the experiments of the configured results files and the live ones, each with
 * its metrics (difference and 95 % interval) and verdict — the shape the Grafana Experiments page reads.
 * POST /v1/experiments/:id/segments (bearer token): one matched segment of a live experiment.
 * GET /v1/kpis[?from=MS&to=MS]: the HAProxy KPIs per profile and per backend (pool) over the window,
 * or over [from, to) in epoch ms (when the syslog listener is configured).
 */
export function feedbackRouter(files: readonly string[], authToken: string | undefined, kpis: () => KpiWindows | undefined): express.Router {
  const router = express.Router();
  const live = new LiveExperiments();
  router.get('/v1/experiments', (_req, res) => {
    try {
      res.json({ experiments: [...readExperimentFiles(files), ...live.list()] });
    } catch (err) {
      res.status(500).json({ error: 'experiments_unreadable', message: (err as Error).message });
    }
  });
  router.post('/v1/experiments/:id/segments', requireBearer(authToken), strictJson({ limit: '4kb' }), (req, res) => {
    const id = String(req.params.id);
    if (!ID.test(id)) return res.status(400).json({ error: 'invalid_id', message: `id must match ${ID.source}, got "${id.slice(0, 80)}"` });
    const parsed = liveSegment.safeParse(req.body);
    if (!parsed.success) return res.status(400).json({ error: 'invalid_segment', message: issueLines(parsed.error, 'body')[0] });
    try {
      res.status(201).json(live.add(id, parsed.data));
    } catch (err) {
      res.status(429).json({ error: 'too_many_experiments', message: (err as Error).message });
    }
  });
  router.get('/v1/kpis', (req, res) => {
    const w = kpis();
    if (!w) return res.status(404).json({ error: 'kpis_off', message: 'set SHADOWFLEET_KPI_SYSLOG_PORT and point HAProxy\'s log line at it' });
    const range = kpiRange(req.query);
    if (typeof range === 'string') return res.status(400).json({ error: 'invalid_range', message: range });
    res.json({
      profiles: w.profiles.kpis(range),
      backends: w.backends.kpis(range).map(({ profile, ...k }) => ({ backend: profile, ...k })),
    });
  });
  return router;
}

/** The optional ?from=&to= range (epoch ms, both or neither), or a message naming the problem. */
function kpiRange(q: express.Request['query']): { from: number; to: number } | undefined | string {
  if (q.from === undefined && q.to === undefined) return undefined;
  const from = Number(q.from);
  const to = Number(q.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return `from and to must both be epoch milliseconds, got from=${String(q.from)} to=${String(q.to)}`;
  if (!(to > from)) return `to must be after from, got from=${from} to=${to}`;
  return { from, to };
}
