import express from 'express';
import type { ManagerService } from './manager-service';
import type { ShardTopology } from '../shards/topology';

/** Most decisions one GET /v1/decisions returns. */
export const MAX_DECISIONS_PER_REQUEST = 1000;

/**
 * GET /v1/decisions[?pool=NAME][&limit=N]: the resource manager's latest decision per pool and the kept
 * decisions, newest first, each with its numbers and the policy version it used.
 */
export function decisionsRouter(service: ManagerService, policyVersion: () => number): express.Router {
  const router = express.Router();
  router.get('/v1/decisions', (req, res) => {
    const pool = typeof req.query.pool === 'string' ? req.query.pool : undefined;
    if (pool !== undefined && !(pool in service.poolModel.pools)) {
      res.status(400).json({ error: 'unknown_pool', message: `pool must be one of ${Object.keys(service.poolModel.pools).join(', ')}, got "${pool.slice(0, 64)}"` });
      return;
    }
    const rawLimit = req.query.limit;
    const limit = rawLimit === undefined ? 100 : Number(rawLimit);
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_DECISIONS_PER_REQUEST)) {
      res.status(400).json({ error: 'invalid_limit', message: `limit must be a whole number in 1 … ${MAX_DECISIONS_PER_REQUEST}, got "${String(rawLimit).slice(0, 32)}"` });
      return;
    }
    const all = service.decisions().filter((d) => pool === undefined || d.pool === pool);
    res.json({
      interval_seconds: service.stepMs / 1000,
      complexity_unit: service.poolModel.complexityUnit,
      policy_version: policyVersion(),
      latest: service.latest().filter((d) => pool === undefined || d.pool === pool),
      decisions: all.slice(0, limit),
      ...(all.length === 0 ? { message: 'no decision yet: the resource manager decides every interval once the exporter has started' } : {}),
    });
  });
  return router;
}

/** On a shard that does not decide: GET /v1/decisions names the shard that does (409). */
export function notTheDeciderRouter(shard: ShardTopology): express.Router {
  const router = express.Router();
  router.get('/v1/decisions', (_req, res) => {
    res.status(409).json({ error: 'not_the_decider', message: `shard ${shard.index} does not decide; shard 0 decides for every pool on the summed load of all ${shard.urls.length} shards: ${shard.urls[0]}/v1/decisions`, decider_url: shard.urls[0] });
  });
  return router;
}
