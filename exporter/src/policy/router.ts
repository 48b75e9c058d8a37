import express from 'express';
import { parsePolicy, type FieldIssue } from '@shadowfleet/models';
import { strictJson } from '../http/strict-json';
import { requireBearer } from '../ingest/auth';
import type { PolicyPreviewer } from './preview';
import type { PolicyStore } from './store';

/** Largest policy body accepted (a policy with a priority for each of a few hundred profiles). */
export const MAX_POLICY_BODY = '64kb';
/** Longest `X-Grafana-User` kept in the history. */
export const MAX_USER_LENGTH = 100;

function invalid(res: express.Response, issues: FieldIssue[]): void {
  res.status(400).json({ error: 'invalid_policy', message: issues.map((i) => `${i.field} ${i.message}`).join('; '), issues });
}

/** On a shard other than 0: where its policy comes from, and the 409 that sends changes there. */
export interface PolicyFollower {
  status(): unknown;
  refuse(res: express.Response): void;
}

/** Who made a change: Grafana's plugin proxy sends the signed-in user as X-Grafana-User. */
function author(req: express.Request): string {
  const user = req.get('X-Grafana-User');
  if (!user) return 'api';
  const clean = user.replace(/[^\x20-\x7e]/g, '?');
  return `grafana:${clean.length > MAX_USER_LENGTH ? `${clean.slice(0, MAX_USER_LENGTH)}…` : clean}`;
}

/**
 * GET /v1/policy (the policy in force, its version, where each value came from, the history),
 * PUT /v1/policy (validate, persist atomically as a new version; the next decision uses it),
 * POST /v1/policy/rollback {version} (restore an earlier version as a new one),
 * POST /v1/policy/preview (replay recent history under the policy in force and the proposed one).
 * Writes and previews need the bearer token unless --no-auth. On a shard other than 0 (`follower`) GET shows
 * shard 0's policy as last taken, with `policyFrom`, and every write or preview answers 409 naming shard 0.
 */
export function policyRouter(store: PolicyStore, previewer: PolicyPreviewer, authToken: string | undefined, follower?: PolicyFollower): express.Router {
  const router = express.Router();
  const auth = requireBearer(authToken);
  const json = strictJson({ limit: MAX_POLICY_BODY });
  router.get('/v1/policy', (_req, res) => {
    res.json(follower ? { ...store.get(), policyFrom: follower.status() } : store.get());
  });
  // A shard other than 0 follows shard 0's policy: changes go to shard 0 (docs/scaling-out.md#the-live-policy).
  if (follower) router.use('/v1/policy', (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? next() : auth(req, res, () => follower.refuse(res))));
  router.put('/v1/policy', auth, json, (req, res) => {
    const parsed = parsePolicy(req.body);
    if (!parsed.ok) return invalid(res, parsed.issues);
    res.json(store.save(parsed.policy, author(req)));
  });
  router.post('/v1/policy/rollback', auth, json, (req, res) => {
    const version = (req.body as { version?: unknown } | undefined)?.version;
    if (!(typeof version === 'number' && Number.isInteger(version) && version >= 1)) {
      return invalid(res, [{ field: 'version', message: `must be a whole number ≥ 1, got ${JSON.stringify(version ?? null)?.slice(0, 40)}` }]);
    }
    try {
      res.json(store.rollback(version, author(req)));
    } catch (err) {
      if (err instanceof RangeError) return invalid(res, [{ field: 'version', message: err.message }]);
      throw err;
    }
  });
  router.post('/v1/policy/preview', auth, json, async (req, res, next) => {
    const parsed = parsePolicy(req.body);
    if (!parsed.ok) return invalid(res, parsed.issues);
    try {
      res.json(await previewer.preview(store.current().policy, parsed.policy));
    } catch (err) {
      next(err);
    }
  });
  router.use('/v1/policy', ((err, _req, res, _next) => {
    const e = err as Error & { type?: string; status?: number };
    if (e.type === 'entity.parse.failed') return invalid(res, [{ field: '(body)', message: 'is not valid JSON' }]);
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: 'too_large', message: `the policy body must be at most ${MAX_POLICY_BODY}` });
      return;
    }
    const status = e.status && e.status >= 400 && e.status < 500 ? e.status : 500;
    res.status(status).json({ error: 'policy_error', message: e.message.slice(0, 300) });
  }) as express.ErrorRequestHandler);
  return router;
}
