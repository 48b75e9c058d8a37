import { z } from 'zod';
import type { UserAttributes } from '@shadowfleet/models';
// the wire helpers alone: the models index loads TensorFlow, which the parse workers must not
import { preview } from '@shadowfleet/models/wire';
import type { IncomingEvent } from '../store/types';

/**
 * The wire format of one event (snake_case), the only definition of what `POST /v1/events` and the
 * generic importers accept. `null` counts as absent for optional fields; unknown fields are errors
 * (they are usually typos).
 *
 * `timestamp`: an ISO 8601 date-time with a time zone (`2024-05-01T12:00:00Z`,
 * `…T12:00:00.250+02:00`), or a number of epoch milliseconds; a number below 1e11 is read as epoch
 * seconds (fractions allowed), since 1e11 ms is March 1973 and 1e11 s is the year 5138.
 */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const EPOCH_SECONDS_BELOW = 1e11;
const MAX_MS = Date.UTC(2200, 0, 1);

function typed<T extends z.ZodType>(schema: T): z.ZodOptional<z.ZodNullable<T>> {
  return schema.nullable().optional();
}

const text = (max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? 'is required' : `must be a string, got ${typeof i.input}`) })
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

const nonNegative = (what: string) =>
  z.number({ error: (i) => `must be a number of ${what}, got ${preview(i.input)}` }).min(0, `must be >= 0`);

export const timestampSchema = z
  .union([z.number(), z.string()], {
    error: (i) => (i.input === undefined ? 'is required' : `must be an ISO 8601 string or epoch milliseconds, got ${preview(i.input)}`),
  })
  .transform((v, ctx) => {
    let ms: number;
    if (typeof v === 'number') {
      ms = Math.abs(v) < EPOCH_SECONDS_BELOW ? v * 1000 : v;
    } else if (ISO_WITH_ZONE.test(v)) {
      ms = Date.parse(v.replace(' ', 'T'));
    } else {
      ms = Number.NaN;
    }
    if (!Number.isFinite(ms) || ms < 0 || ms >= MAX_MS) {
      ctx.addIssue({
        code: 'custom',
        message: `must be an ISO 8601 date-time with a time zone (2024-05-01T12:00:00Z) or epoch milliseconds/seconds between 1970 and 2200, got ${preview(v)}`,
      });
      return z.NEVER;
    }
    return Math.round(ms);
  });

export const wireEventSchema = z
  .object({
    user_id: text(256),
    session_id: typed(text(256)),
    timestamp: timestampSchema,
    action: text(256),
    data_type: typed(text(64)),
    duration_ms: typed(nonNegative('milliseconds')),
    status: typed(
      z.number({ error: (i) => `must be an HTTP-like status code, got ${preview(i.input)}` }).int('must be an integer').min(100, 'must be 100..599').max(599, 'must be 100..599'),
    ),
    error: typed(z.boolean({ error: (i) => `must be true or false, got ${preview(i.input)}` })),
    bytes: typed(nonNegative('bytes').int('must be an integer number of bytes')),
    cost: typed(nonNegative('cost units')),
    backend: typed(text(128)),
  })
  .strict();

export type WireEvent = z.input<typeof wireEventSchema>;

/** Validated wire event → the store's event (camelCase, absent fields left out). */
export function toIncoming(w: z.output<typeof wireEventSchema>): IncomingEvent {
  const e: { -readonly [K in keyof IncomingEvent]: IncomingEvent[K] } = { userId: w.user_id, timestamp: w.timestamp, action: w.action };
  if (w.session_id != null) e.sessionId = w.session_id;
  if (w.data_type != null) e.dataType = w.data_type;
  if (w.duration_ms != null) e.durationMs = w.duration_ms;
  if (w.status != null) e.status = w.status;
  if (w.error != null) e.error = w.error;
  if (w.bytes != null) e.bytes = w.bytes;
  if (w.cost != null) e.cost = w.cost;
  if (w.backend != null) e.backend = w.backend;
  return e;
}

export const wireUserSchema = z
  .object({
    user_id: text(256),
    attributes: z
      .record(z.string().max(128), z.union([z.string().max(1024), z.number(), z.boolean()]), {
        error: () => 'must be an object of string, number or boolean values',
      })
      .refine((a) => Object.keys(a).length <= 64, 'must have at most 64 attributes'),
  })
  .strict();

export function toUser(w: z.output<typeof wireUserSchema>): UserAttributes {
  return { userId: w.user_id, attributes: w.attributes };
}
