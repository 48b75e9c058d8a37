import express, { type Response } from 'express';
import { COMPLEXITY_UNITS, type ComplexityUnit, type PoolModel } from '@shadowfleet/models';
import { poolLoad } from '../allocation/pool-load';
import type { Config } from '../config';
import { requireBearer } from '../ingest/auth';
import type { BehaviourForecasts } from '../nextaction/start';
import type { PolicyStore } from '../policy/store';
import type { ProfileService } from '../profiles/service';
import { sendVersioned } from './owner-resource';
import { policyTag, type ShardPolicy } from './policy';
import type { EventStore } from '../store/types';
import type { ShardForecast, ShardLoad } from './peers';
import type { ShardProfiles } from './profiles';
import { shardTopology, type ShardTopology } from './topology';

/** Most steps one GET /v1/shard/load answers (the manager's warm-up asks for two days of minutes). */
export const MAX_SHARD_STEPS = 10_000;

function bad(res: Response, error: string, message: string): void {
  res.status(400).json({ error, message });
}

/** 409 from a shard other than 0 for what shard 0 owns (one owner, no chains), naming shard 0. */
export function notTheOwner(res: Response, t: ShardTopology, what: string, hint = 'which takes it from there'): void {
  res.status(409).json({ error: 'not_the_owner', message: `shard 0 (${t.urls[0]}) owns ${what}; this is shard ${t.index}, ${hint}`, owner_url: t.urls[0] });
}

/**
 * What the deciding shard reads from the others (docs/scaling-out.md), behind the bearer token:
 * GET /v1/shard (this exporter's place), GET /v1/shard/load (its load per step, aggregated by its store)
 * and GET /v1/shard/forecast (its behaviour-aware forecast); shard 0 also serves GET /v1/shard/profiles (its
 * profile model, which the others assign their users to) and GET /v1/shard/policy (its live policy, which the
 * others follow). Without shards it answers as shard 0 of 1.
 */
export function shardRouter(deps: {
  readonly config: Config;
  readonly store: EventStore;
  /** This shard's pool model: its unit, and the pools a load query may name. */
  readonly pools: PoolModel;
  readonly behaviour: BehaviourForecasts;
  readonly profiles: Pick<ProfileService, 'model'>;
  readonly policy: Pick<PolicyStore, 'get'>;
}): express.Router {
  const t = shardTopology(deps.config);
  const router = express.Router();
  const auth = requireBearer(deps.config.noAuth ? undefined : deps.config.authToken);
  const index = t?.index ?? 0;
  router.get('/v1/shard', (_req, res) => {
    res.json({ shard: index, shards: t?.urls.length ?? 1, urls: t?.urls ?? [], decider: t?.decider ?? true, hash: 'rendezvous over MurmurHash3_x86_32(user_id UTF-8, seed = shard index)' });
  });
  router.get('/v1/shard/load', auth, async (req, res) => {
    const n = (name: string): number => Number(typeof req.query[name] === 'string' ? req.query[name] : NaN);
    const [fromMs, toMs, stepMs] = [n('from_ms'), n('to_ms'), n('step_ms')];
    const unit = req.query.unit;
    const ownUnit = deps.pools.complexityUnit;
    for (const [name, v] of [['from_ms', fromMs], ['to_ms', toMs], ['step_ms', stepMs]] as const) {
      if (!(Number.isInteger(v) && v >= 0)) return bad(res, 'invalid_query', `${name} must be a whole number of epoch milliseconds >= 0, got "${String(req.query[name]).slice(0, 32)}"`);
    }
    if (!(stepMs >= 1000 && toMs > fromMs && (toMs - fromMs) / stepMs <= MAX_SHARD_STEPS)) {
      return bad(res, 'invalid_query', `need step_ms >= 1000, to_ms > from_ms and at most ${MAX_SHARD_STEPS} steps, got from_ms ${fromMs}, to_ms ${toMs}, step_ms ${stepMs}`);
    }
    if (unit !== ownUnit) {
      const known = (COMPLEXITY_UNITS as readonly string[]).includes(String(unit));
      res.status(known ? 409 : 400).json({
        error: known ? 'unit_mismatch' : 'invalid_query',
        message: `unit must be this shard's pool model unit "${ownUnit}", got "${String(unit).slice(0, 32)}"${known ? ': every shard must read the same pool model' : ''}`,
      });
      return;
    }
    const pool = req.query.pool;
    const names = Object.keys(deps.pools.pools);
    if (pool !== undefined && !(typeof pool === 'string' && names.includes(pool))) {
      return bad(res, 'invalid_query', `pool must be a pool of this shard's pool model (${names.join(', ')}), got "${String(pool).slice(0, 64)}"`);
    }
    try {
      const body: ShardLoad = { shard: index, values: await poolLoad(deps.store, deps.pools)({ fromMs, toMs, stepMs, unit: unit as ComplexityUnit }, pool) };
      res.json(body);
    } catch (err) {
      res.status(503).json({ error: 'store_error', message: `the store could not aggregate the load: ${(err as Error).message}` });
    }
  });
  router.get('/v1/shard/forecast', auth, (_req, res) => {
    const b = deps.behaviour;
    if (b.forecasts.length === 0) {
      res.status(503).json({ error: 'no_forecast', message: 'this shard has no behaviour-aware forecast yet (it computes one every SHADOWFLEET_FORECAST_REFRESH_SECONDS once it has events)' });
      return;
    }
    const body: ShardForecast = { shard: index, refreshed_at_ms: b.lastRefreshMs, forecasts: [...b.forecasts] };
    res.json(body);
  });
  router.get('/v1/shard/profiles', auth, (req, res) => {
    if (t && !t.decider) return notTheOwner(res, t, 'the profile model');
    const model = deps.profiles.model;
    if (!model) {
      res.status(503).json({ error: 'no_model', message: 'shard 0 has no profile model yet (it builds one every SHADOWFLEET_PROFILE_REBUILD_MINUTES, or on POST /v1/profiles/rebuild)' });
      return;
    }
    // The model's version is its build time: a matching If-None-Match gets 304, so the other shards' checks cost little.
    const body: ShardProfiles = { shard: index, model };
    sendVersioned(req, res, `"model-${model.builtAt}"`, body);
  });
  router.get('/v1/shard/policy', auth, (req, res) => {
    if (t && !t.decider) return notTheOwner(res, t, 'the live policy');
    const policy = deps.policy.get();
    const body: ShardPolicy = { shard: index, policy };
    sendVersioned(req, res, policyTag(policy), body);
  });
  return router;
}
