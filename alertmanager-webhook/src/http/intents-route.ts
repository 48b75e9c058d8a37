import type { RequestHandler } from 'express';
import type { Intent } from '../intents/records';
import { intentsQuerySchema, pageOfIntents, UnknownCursorError } from '../intents/query';
import { describeIssues } from '../util/zod-errors';
import { HttpError } from './errors';

export const INTENTS_PATH = '/v1/intents';

/** GET /v1/intents?pool=&from=&to=&limit=&cursor= → `{intents, next?}`, newest first (docs/webhook.md "Intents API"). */
export function intentsRoute(intents: () => Iterable<Intent>): RequestHandler {
  return (req, res, next) => {
    const parsed = intentsQuerySchema.safeParse(req.query, { reportInput: true });
    if (!parsed.success) return next(new HttpError('invalid_query', `invalid query for GET ${INTENTS_PATH}`, describeIssues(parsed.error)));
    try {
      res.json(pageOfIntents(intents(), parsed.data));
    } catch (err) {
      next(err instanceof UnknownCursorError ? new HttpError('invalid_query', err.message) : err);
    }
  };
}
