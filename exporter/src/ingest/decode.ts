import type { z } from 'zod';
import { parseBody } from './body';
import type { RejectReason } from './metrics';
import { MAX_LISTED_PROBLEMS, validateBatch, type RecordProblem } from './validate';

/** Why a batch was refused: the HTTP answer and what the reject counter records. */
export interface DecodeFailure {
  readonly ok: false;
  readonly status: 400 | 413;
  readonly error: string;
  readonly message: string;
  readonly extra: Record<string, unknown>;
  /** Counted in shadowfleet_events_rejected_total (no count for an empty batch). */
  readonly reject?: { readonly reason: RejectReason; readonly events: number };
}

export type DecodeResult<T> = { readonly ok: true; readonly values: T[] } | DecodeFailure;

/**
 * A decompressed body → validated, converted records, or the exact refusal: parse (JSON array or
 * NDJSON), count (empty → 400, above `maxBatch` → 413), validate every record with one schema (400
 * naming index, field and problem). No I/O: the router runs it inline or in a parse worker.
 */
export function decodeBatch<S extends z.ZodType, T>(
  body: Uint8Array,
  format: 'json' | 'ndjson',
  schema: S,
  convert: (v: z.output<S>) => T,
  maxBatch: number,
): DecodeResult<T> {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const parsed = parseBody(buffer, format);
  if (!parsed.ok && parsed.encoding) return refuse(400, parsed.encoding.code, parsed.message, { offset: parsed.encoding.offset }, { reason: 'malformed', events: 1 });
  if (!parsed.ok) {
    const problems = parsed.problems ?? [];
    return refuse(400, 'malformed_body', parsed.message, parsed.problems ? { errors: problems } : {}, { reason: 'malformed', events: problems.length });
  }
  const n = parsed.records.length;
  if (n === 0) return refuse(400, 'empty_batch', 'the batch holds no records', {});
  if (n > maxBatch) {
    return refuse(413, 'batch_too_large', `a batch may hold at most ${maxBatch} records, got ${n}; split it`, {}, { reason: 'too_large', events: n });
  }
  const result = validateBatch(parsed.records, schema, convert);
  if (!result.ok) {
    const errors: RecordProblem[] = result.problems;
    return refuse(
      400,
      'invalid_batch',
      `${result.badRecords} of ${n} records are invalid; nothing was stored`,
      { errors, ...(errors.length >= MAX_LISTED_PROBLEMS ? { errors_truncated: true } : {}) },
      { reason: 'invalid', events: n },
    );
  }
  return { ok: true, values: result.values };
}

function refuse(status: 400 | 413, error: string, message: string, extra: Record<string, unknown>, reject?: DecodeFailure['reject']): DecodeFailure {
  return reject && reject.events > 0 ? { ok: false, status, error, message, extra, reject } : { ok: false, status, error, message, extra };
}
