import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Registry } from 'prom-client';
import type { EventStore } from '../store/types';
import { requireBearer } from './auth';
import { preview, unsupportedCharset } from '@shadowfleet/models/wire';
import { watchBody } from '../http/slow-clients';
import { bodyFormat } from './body';
import { decodeBatch, type DecodeFailure } from './decode';
import { createIngestMetrics } from './metrics';
import { defaultParseWorkers, ParsePool } from './parse-pool';
import { toUser, wireUserSchema } from './wire-schema';
import { EventIntake } from './intake';
import { sourceMetrics } from './source-metrics';
import { otlpFormat } from './otlp/proto';
import { otlpLogsHandler, unsupportedOtlpType } from './otlp/handler';
import { DEFAULT_ACTION_RULES, type ActionRules } from '../importers/action-rules';
import { firstStray, type ShardTopology } from '../shards/topology';

export interface IngestOptions {
  /** Bearer token for writes; undefined = no auth (explicit --no-auth). */
  readonly authToken: string | undefined;
  /** Largest body accepted, compressed and decompressed (413 above). */
  readonly maxBodyBytes: number;
  /** Most records in one batch (413 above). */
  readonly maxBatchEvents: number;
  /** Most events waiting for the store before new batches get 429. */
  readonly maxPendingEvents: number;
  readonly retryAfterSeconds: number;
  /** Buffered body bytes (received, not yet decoded) may be at most this many bodies of maxBodyBytes (429 above). */
  readonly maxInFlightRequests?: number;
  /** Worker threads that parse and validate event batches (0: on the event loop); default defaultParseWorkers(). */
  readonly parseWorkers?: number;
  /** How request paths become actions for POST /v1/logs (default: two directory levels, no rules). */
  readonly actionRules?: ActionRules;
  /** The shards, when users are split over several exporters: a batch with another shard's user is refused whole (409). */
  readonly shard?: ShardTopology;
  /** Registers the shutdown of the parse workers (the exporter's close runs it). */
  readonly onClose?: (close: () => Promise<void>) => void;
}

/** Default for IngestOptions.maxInFlightRequests: with 16 MiB bodies, at most 512 MiB of bodies held at once. */
export const DEFAULT_MAX_IN_FLIGHT_REQUESTS = 32;

function fail(res: Response, status: number, error: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error, message, ...extra });
}

/**
 * `POST /v1/events` and `POST /v1/users`: validated, all-or-nothing, durable before 201. `POST /v1/logs`:
 * OTLP/HTTP logs mapped to events (./otlp), through the same admission, limits, intake and counters.
 */
export function ingestRouter(store: EventStore, registry: Registry, options: IngestOptions): express.Router {
  const metrics = createIngestMetrics(registry);
  const router = express.Router();
  const auth = requireBearer(options.authToken);
  const rawBody = express.raw({ type: () => true, limit: options.maxBodyBytes, inflate: true });

  const maxInFlight = options.maxInFlightRequests ?? DEFAULT_MAX_IN_FLIGHT_REQUESTS;
  /**
   * Body bytes received and not yet decoded, over all write requests, may be at most this: memory for
   * `maxInFlightRequests` bodies of the largest size. Counted as bytes arrive (not per request), so
   * clients that connect and stall hold almost none of it, and slow-clients.ts cuts them off.
   */
  const budgetBytes = maxInFlight * options.maxBodyBytes;
  let bufferedBytes = 0;
  let reading = 0;
  const intake = new EventIntake(store, metrics, options.maxPendingEvents, options.shard && { topology: options.shard, sources: sourceMetrics(registry) });
  const overloaded = (res: Response): void => {
    res.set('Retry-After', String(options.retryAfterSeconds));
    fail(res, 429, 'overloaded', `the exporter is behind (${store.pendingEvents} events waiting for the store, ${bufferedBytes} body bytes of ${reading} requests being read or decoded); retry after ${options.retryAfterSeconds} s`);
  };
  /** Checks the Content-Type (`accepts`, else its 415) and the buffered-body budget, then watches the body as it arrives. */
  const admitIf = (accepts: (contentType: string | undefined) => boolean, unsupported: (req: Request, res: Response) => void): RequestHandler => (req, res, next) => {
    const charset = unsupportedCharset(req.get('content-type'));
    if (charset) return fail(res, 415, 'unsupported_charset', charset);
    if (!accepts(req.get('content-type'))) return unsupported(req, res);
    if (intake.behind || bufferedBytes >= budgetBytes) return overloaded(res);
    reading++;
    let held = 0;
    let open = true;
    const stopWatching = watchBody(req, res, (n) => {
      held += n;
      bufferedBytes += n;
      if (bufferedBytes > budgetBytes && !res.headersSent) {
        overloaded(res);
        req.socket.destroySoon();
      }
    });
    res.locals.release = () => {
      stopWatching();
      if (open) reading--;
      bufferedBytes -= held;
      held = 0;
      open = false;
    };
    res.once('close', res.locals.release as () => void);
    next();
  };
  const admit = admitIf((type) => bodyFormat(type) !== undefined, unsupportedType);
  const release = (res: Response): void => (res.locals.release as (() => void) | undefined)?.();

  const pool = new ParsePool(options.parseWorkers ?? defaultParseWorkers());
  options.onClose?.(() => pool.close());
  const bodyOf = (req: Request): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

  /** Answers a refused batch (400/413) and counts its events as rejected. */
  const refuse = (res: Response, f: DecodeFailure): void => {
    fail(res, f.status, f.error, f.message, f.extra);
    if (f.reject) metrics.eventsRejected.inc({ reason: f.reject.reason }, f.reject.events);
  };

  /** 409 when a record's user belongs to another shard (nothing of the batch is stored; the client splits by shardOf). */
  const misrouted = (res: Response, records: readonly { readonly userId: string }[], what: string): boolean => {
    const stray = firstStray(options.shard, records);
    if (!stray || !options.shard) return false;
    const { index, urls } = options.shard;
    if (what === 'event') metrics.eventsRejected.inc({ reason: 'wrong_shard' }, records.length);
    fail(res, 409, 'wrong_shard', `${what} ${stray.at}: user ${preview(stray.userId)} belongs to shard ${stray.owner} (${urls[stray.owner]}), this is shard ${index} of ${urls.length}; nothing was stored — split batches by owner (shardOf, docs/scaling-out.md)`, { shard: index, owner: stray.owner, owner_url: urls[stray.owner] });
    return true;
  };

  const count = (endpoint: string): RequestHandler => (_req, res, next) => {
    res.on('finish', () => metrics.requests.inc({ endpoint, code: String(res.statusCode) }));
    next();
  };

  router.post('/v1/events', count('/v1/events'), auth, admit, rawBody, async (req, res) => {
    const format = bodyFormat(req.get('content-type'));
    if (!format) return unsupportedType(req, res);
    let decoded;
    try {
      decoded = await pool.decodeEvents(bodyOf(req), format, options.maxBatchEvents);
    } catch (err) {
      fail(res, 500, 'internal_error', `the batch could not be decoded (nothing was stored): ${(err as Error).message}`);
      return;
    } finally {
      release(res);
    }
    if (!decoded.ok) return refuse(res, decoded);
    const events = decoded.values;
    if (misrouted(res, events, 'event')) return;
    const stored = await intake.append(events);
    if (!stored.ok && stored.reason === 'overloaded') return overloaded(res);
    if (!stored.ok) return fail(res, 503, 'store_error', stored.message);
    res.status(201).json({ accepted: events.length });
  });

  router.post('/v1/users', count('/v1/users'), auth, admit, rawBody, async (req, res) => {
    const format = bodyFormat(req.get('content-type'));
    if (!format) return unsupportedType(req, res);
    const decoded = decodeBatch(bodyOf(req), format, wireUserSchema, toUser, options.maxBatchEvents);
    release(res);
    if (!decoded.ok) return refuse(res, decoded);
    const users = decoded.values;
    if (misrouted(res, users, 'user')) return;
    try {
      const { stored } = await store.upsertUsers(users);
      metrics.usersIngested.inc(stored);
      res.status(201).json({ accepted: users.length, users: stored });
    } catch (err) {
      fail(res, 503, 'store_error', `the store could not save the users (nothing was stored): ${(err as Error).message}`);
    }
  });

  router.post(
    '/v1/logs',
    count('/v1/logs'),
    auth,
    admitIf((type) => otlpFormat(type) !== undefined, unsupportedOtlpType),
    rawBody,
    otlpLogsHandler({ intake, registry, maxRecords: options.maxBatchEvents, actionRules: options.actionRules ?? DEFAULT_ACTION_RULES, release, overloaded }),
  );

  router.use(bodyErrors(options));
  return router;
}

/** 415 before the body is read. */
function unsupportedType(req: Request, res: Response): undefined {
  fail(res, 415, 'unsupported_media_type', `Content-Type must be application/json (an array) or application/x-ndjson, got ${preview(req.get('content-type') ?? '')}`);
  return undefined;
}

/** Maps body-parser's errors (size, encoding, broken gzip) to our error format. */
function bodyErrors(options: IngestOptions): ErrorRequestHandler {
  return (err: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err.type === 'entity.too.large') {
      fail(res, 413, 'body_too_large', `the body (after decompression) may be at most ${options.maxBodyBytes} bytes; send smaller batches`);
    } else if (err.type === 'encoding.unsupported') {
      fail(res, 415, 'unsupported_encoding', `Content-Encoding must be gzip, deflate or identity: ${err.message ?? ''}`);
    } else if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      fail(res, err.status, 'bad_body', `the body could not be read: ${err.message ?? 'unknown error'}`);
    } else {
      next(err);
    }
  };
}
