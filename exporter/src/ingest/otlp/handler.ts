import type { Request, RequestHandler, Response } from 'express';
import type { Registry } from 'prom-client';
import { preview } from '@shadowfleet/models/wire';
import type { ActionRules } from '../../importers/action-rules';
import type { EventIntake } from '../intake';
import { createIngestMetrics } from '../metrics';
import { sourceMetrics, type DropReason } from '../source-metrics';
import { validateEach } from '../validate';
import { toIncoming, wireEventSchema } from '../wire-schema';
import { countLogRecords, mapLogsRequest } from './mapping';
import { decodeLogsRequest, encodeLogsResponse, encodeStatus, otlpFormat } from './proto';

export interface OtlpLogsOptions {
  readonly intake: EventIntake;
  readonly registry: Registry;
  /** Most log records in one request (413 above), the same limit as events per batch. */
  readonly maxRecords: number;
  readonly actionRules: ActionRules;
  /** Frees the request's share of the buffered-body budget (the ingest router's admission). */
  readonly release: (res: Response) => void;
  /** Answers 429 with Retry-After (the ingest router's). */
  readonly overloaded: (res: Response) => void;
  readonly now?: () => number;
}

/** Dropped records named in partial_success.error_message (the count is always exact). */
export const MAX_NAMED_DROPS = 5;

/** google.rpc.Code for each HTTP status we answer with. */
const GRPC_CODE: Record<number, number> = { 400: 3, 413: 8, 503: 14 };

/**
 * An OTLP error answer: google.rpc.Status in the request's encoding (protobuf, or JSON with our error
 * code beside it), as the OTLP/HTTP spec asks for 4xx and 5xx.
 */
function failOtlp(res: Response, format: 'protobuf' | 'json', status: number, error: string, message: string): void {
  res.status(status);
  if (format === 'protobuf') res.type('application/x-protobuf').send(encodeStatus(GRPC_CODE[status] ?? 2, message));
  else res.json({ code: GRPC_CODE[status] ?? 2, message, error });
}

/** 415 before the body is read. */
export function unsupportedOtlpType(req: Request, res: Response): void {
  res.status(415).json({ code: 3, error: 'unsupported_media_type', message: `Content-Type must be application/x-protobuf or application/json (OTLP/HTTP), got ${preview(req.get('content-type') ?? '')}` });
}

/**
 * `POST /v1/logs` (OTLP/HTTP): decodes an ExportLogsServiceRequest, maps each log record to an event
 * (./mapping.ts), validates each with the /v1/events schema, stores the good ones through the intake
 * (durable before 200), and answers partial_success naming the records it dropped and why.
 */
export function otlpLogsHandler(o: OtlpLogsOptions): RequestHandler {
  const ingest = createIngestMetrics(o.registry);
  const counters = sourceMetrics(o.registry);
  const now = o.now ?? Date.now;
  return async (req, res) => {
    const format = otlpFormat(req.get('content-type'));
    if (!format) return unsupportedOtlpType(req, res);
    const decoded = decodeLogsRequest(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), format);
    o.release(res);
    if (!decoded.ok) return failOtlp(res, format, 400, 'malformed_otlp', decoded.message);
    const n = countLogRecords(decoded.request);
    if (n > o.maxRecords) {
      ingest.eventsRejected.inc({ reason: 'too_large' }, n);
      return failOtlp(res, format, 413, 'batch_too_large', `a request may hold at most ${o.maxRecords} log records, got ${n}; lower the exporter's batch size (send_batch_max_size)`);
    }
    const mapped = mapLogsRequest(decoded.request, now(), o.actionRules);
    const checked = validateEach(
      mapped.records.map((r) => r.wire),
      wireEventSchema,
      toIncoming,
    );
    const drops: Array<{ at: string; reason: DropReason; problem: string }> = [...mapped.dropped];
    for (const { index, problems } of checked.dropped) {
      const { at, origin } = mapped.records[index]!;
      const named = problems.map((p) => `${p.field === null ? 'record' : (origin[p.field] ?? p.field)} ${p.problem}`);
      drops.push({ at, reason: 'invalid', problem: named.join(', ') });
    }
    const stored = await o.intake.append(checked.values, 'otlp');
    if (!stored.ok && stored.reason === 'overloaded') return o.overloaded(res);
    if (!stored.ok) return failOtlp(res, format, 503, 'store_error', stored.message);
    counters.accepted.inc({ source: 'otlp' }, stored.stored);
    for (const d of drops) counters.dropped.inc({ source: 'otlp', reason: d.reason });
    // Records of other shards' users were counted by the intake; they are rejected here, not an error of the sender's.
    const wrongShard = stored.wrongShard ?? 0;
    if (wrongShard > 0) drops.unshift({ at: 'records', reason: 'wrong_shard', problem: `${wrongShard} belong to users of other shards (each shard keeps its own users' records)` });
    const rejected = drops.length - (wrongShard > 0 ? 1 : 0) + wrongShard;
    const message =
      drops.length === 0
        ? ''
        : `${rejected} of ${mapped.total} log records dropped: ${drops
            .slice(0, MAX_NAMED_DROPS)
            .map((d) => `${d.at}: ${d.problem}`)
            .join('; ')}${drops.length > MAX_NAMED_DROPS ? '; …' : ''}`;
    res.status(200).type(format === 'protobuf' ? 'application/x-protobuf' : 'application/json').send(encodeLogsResponse(format, rejected, message));
  };
}
