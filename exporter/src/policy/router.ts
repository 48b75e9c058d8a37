import express from 'express';
import { requireBearer } from '../ingest/auth';
import type { AppContext } from '../routes';
import { PolicyPreviewer } from './preview';
import { parsePolicy, type FieldIssue } from './schema';
import { PolicyStore } from './store';

/** Largest policy body accepted (a policy with a priority for each of a few hundred profiles). */
export const MAX_POLICY_BODY = '64kb';

function invalid(res: express.Response, issues: FieldIssue[]): void {
  res.status(400).json({
    error: 'invalid_policy',
    message: issues.map((i) => `${i.field} ${i.message}`).join('; '),
    issues,
  });
}

/**
 * GET /v1/policy (the policy in force), PUT /v1/policy (validate and save; bearer token unless
 * --no-auth), POST /v1/policy/preview (replay the bundled trace under the policy in force and the
 * proposed one; bearer token, it costs CPU).
 */
export function policyRouter(store: PolicyStore, previewer: PolicyPreviewer, authToken: string | undefined): express.Router {
  const router = express.Router();
  const auth = requireBearer(authToken);
  const json = express.json({ limit: MAX_POLICY_BODY });
  router.get('/v1/policy', (_req, res) => {
    res.json(store.get());
  });
  router.put('/v1/policy', auth, json, (req, res) => {
    const parsed = parsePolicy(req.body);
    if (!parsed.ok) return invalid(res, parsed.issues);
    res.json(store.save(parsed.policy));
  });
  router.post('/v1/policy/preview', auth, json, (req, res) => {
    const parsed = parsePolicy(req.body);
    if (!parsed.ok) return invalid(res, parsed.issues);
    res.json(previewer.preview(store.get().policy, parsed.policy));
  });
  router.use('/v1/policy', ((err, _req, res, _next) => {
    const e = err as Error & { type?: string; status?: number };
    if (e.type === 'entity.parse.failed') return invalid(res, [{ field: '(body)', message: `is not valid JSON: ${e.message}` }]);
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: 'too_large', message: `the policy body must be at most ${MAX_POLICY_BODY}` });
      return;
    }
    res.status(e.status && e.status < 500 ? e.status : 500).json({ error: 'policy_error', message: e.message });
  }) as express.ErrorRequestHandler);
  return router;
}

/** The route module: the policy kept in the data dir, previews on the bundled trace slice. */
export function policyModule(ctx: AppContext): express.Router {
  const { config } = ctx;
  return policyRouter(new PolicyStore(config.dataDir), new PolicyPreviewer(), config.noAuth ? undefined : config.authToken);
}
