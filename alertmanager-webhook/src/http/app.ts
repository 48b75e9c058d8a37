import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type Request, type Response } from 'express';
import type { Registry } from 'prom-client';
// the wire helpers alone: the models index loads TensorFlow, which the webhook does not need
import { boundString, decodeJsonText, preview, unsupportedCharset } from '@shadowfleet/models/wire';
import { webhookPayloadSchema } from '../alertmanager/payload';
import type { AuthConfig } from '../config/schema';
import type { ActionEngine } from '../engine/engine';
import { RetryLaterError } from '../engine/types';
import type { WebhookMetrics } from '../metrics/metrics';
import type { Logger } from '../util/logger';
import { describeIssues } from '../util/zod-errors';
import { requireAuth, requireReadAuth } from './auth';
import { HttpError } from './errors';
import { INTENTS_PATH, intentsRoute } from './intents-route';

export const WEBHOOK_PATH = '/webhook';

/** An X-Request-Id a client sent is kept when it looks like one; otherwise the webhook makes one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request's logger: the app's, with `reqId` (echoed in the X-Request-Id answer header). */
function requestLog(deps: AppDeps, req: Request, res: Response): Logger {
  if (!res.locals.log) {
    const sent = req.get('x-request-id');
    const reqId = sent !== undefined && REQUEST_ID.test(sent) ? sent : randomUUID();
    res.set('X-Request-Id', reqId);
    res.locals.log = deps.logger.child({ reqId });
  }
  return res.locals.log as Logger;
}

export interface AppDeps {
  readonly engine: Pick<ActionEngine, 'accept' | 'intents'>;
  readonly auth: AuthConfig;
  readonly readToken?: string;
  readonly bodyLimitBytes: number;
  readonly maxAlertsPerRequest: number;
  readonly registry: Registry;
  readonly metrics: WebhookMetrics;
  readonly logger: Logger;
  readonly ready: () => boolean;
}

/**
 * The HTTP surface: POST /webhook (authenticated, size-limited, strictly validated), /metrics, and
 * health endpoints, and the read API GET /v1/intents (read token). The webhook answers as soon as the intents are on disk; actions run afterwards.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    requestLog(deps, req, res);
    next();
  });
  app.get('/-/healthy', (_req, res) => void res.type('text/plain').send('ok\n'));
  app.get('/-/ready', (_req, res) => void res.status(deps.ready() ? 200 : 503).type('text/plain').send(deps.ready() ? 'ready\n' : 'not ready\n'));
  app.get('/metrics', async (_req, res, next) => {
    try {
      res.type(deps.registry.contentType).send(await deps.registry.metrics());
    } catch (err) {
      next(err);
    }
  });
  app.get(INTENTS_PATH, requireReadAuth(deps.auth, deps.readToken), intentsRoute(() => deps.engine.intents.values()));
  app.post(
    WEBHOOK_PATH,
    requireAuth(deps.auth),
    (req, _res, next) => next(req.is('application/json') ? undefined : new HttpError('unsupported_media_type', `Content-Type must be application/json, got ${preview(req.headers['content-type'] ?? '')}`)),
    (req, _res, next) => {
      const charset = unsupportedCharset(req.headers['content-type']);
      next(charset ? new HttpError('unsupported_charset', charset) : undefined);
    },
    express.raw({ limit: deps.bodyLimitBytes, type: 'application/json' }),
    (req, _res, next) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const decoded = decodeJsonText(body);
      if (!decoded.ok) return next(new HttpError(decoded.code === 'too_deep' ? 'too_deep' : 'invalid_encoding', decoded.message));
      try {
        req.body = JSON.parse(decoded.text) as unknown;
      } catch (err) {
        return next(new HttpError('invalid_json', `body is not valid JSON: ${boundString((err as Error).message, 200)}`));
      }
      next();
    },
    async (req, res, next) => {
      const parsed = webhookPayloadSchema.safeParse(req.body, { reportInput: true });
      if (!parsed.success) return next(new HttpError('invalid_payload', 'not an Alertmanager webhook payload (version 4)', describeIssues(parsed.error)));
      if (parsed.data.alerts.length > deps.maxAlertsPerRequest) {
        return next(new HttpError('too_many_alerts', `alerts must hold at most ${deps.maxAlertsPerRequest} alerts (maxAlertsPerRequest), got ${parsed.data.alerts.length}; set max_alerts in the receiver`));
      }
      if (parsed.data.truncatedAlerts > 0) {
        requestLog(deps, req, res).warn({ truncatedAlerts: parsed.data.truncatedAlerts, groupKey: parsed.data.groupKey }, 'Alertmanager truncated this notification (max_alerts); the missing alerts are not seen here');
      }
      try {
        const results = await deps.engine.accept(parsed.data.alerts);
        const accepted = results.filter((r) => r.outcome === 'accepted').length;
        res.status(200).json({ accepted, skipped: results.length - accepted, results });
      } catch (err) {
        next(err instanceof RetryLaterError ? new HttpError('retry_later', err.message) : err);
      }
    },
  );
  app.use((req, _res, next) => next(new HttpError('not_found', `no route ${req.method} ${req.path}; Alertmanager should post to ${WEBHOOK_PATH}`)));
  app.use(errorHandler(deps));
  return app;
}

function errorHandler(deps: AppDeps): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    let error: HttpError;
    const bodyError = err as { type?: string; status?: number; limit?: number; length?: number; message?: string };
    if (err instanceof HttpError) error = err;
    else if (bodyError.type === 'entity.too.large') error = new HttpError('payload_too_large', `body must be at most ${deps.bodyLimitBytes} bytes (bodyLimitBytes), got ${bodyError.length ?? 'more'}`);
    else if (bodyError.type === 'charset.unsupported' || bodyError.type === 'encoding.unsupported') error = new HttpError('unsupported_media_type', bodyError.message ?? 'unsupported encoding');
    else if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) error = new HttpError('invalid_json', boundString(bodyError.message ?? 'bad request', 200));
    else {
      requestLog(deps, req, res).error({ path: req.path, err }, 'unexpected error');
      error = new HttpError('internal', 'internal error; Alertmanager will retry');
    }
    if (req.path === WEBHOOK_PATH) {
      deps.metrics.rejectedRequests.inc({ code: String(error.status) });
      if (error.status >= 400 && error.code !== 'unauthorized') requestLog(deps, req, res).warn({ status: error.status, code: error.code, message: error.message, details: error.details }, 'notification rejected');
    }
    res.status(error.status).json(error.toJSON());
  };
}
