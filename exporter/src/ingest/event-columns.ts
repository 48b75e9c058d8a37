import type { IncomingEvent } from '../store/types';

/**
 * Validated events in columns, the form a parse worker sends them back in: numbers in typed arrays
 * (moved, not copied; NaN = absent) and strings in plain arrays (null = absent). Copying 1,000 event
 * objects between threads costs about as much as parsing them again; these columns cost a tenth.
 */
export interface EventColumns {
  readonly userId: string[];
  readonly sessionId: Array<string | null>;
  readonly action: string[];
  readonly dataType: Array<string | null>;
  /** timestamp, durationMs, status, bytes, cost: five values per event, row after row. */
  readonly numbers: Float64Array<ArrayBuffer>;
  /** 1 true, 0 false, -1 absent. */
  readonly error: Int8Array<ArrayBuffer>;
}

const NUMBERS = 5;

export function toColumns(events: readonly IncomingEvent[]): EventColumns {
  const n = events.length;
  const c: EventColumns = {
    userId: new Array<string>(n),
    sessionId: new Array<string | null>(n),
    action: new Array<string>(n),
    dataType: new Array<string | null>(n),
    numbers: new Float64Array(n * NUMBERS),
    error: new Int8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    c.userId[i] = e.userId;
    c.sessionId[i] = e.sessionId ?? null;
    c.action[i] = e.action;
    c.dataType[i] = e.dataType ?? null;
    const at = i * NUMBERS;
    c.numbers[at] = e.timestamp;
    c.numbers[at + 1] = e.durationMs ?? Number.NaN;
    c.numbers[at + 2] = e.status ?? Number.NaN;
    c.numbers[at + 3] = e.bytes ?? Number.NaN;
    c.numbers[at + 4] = e.cost ?? Number.NaN;
    c.error[i] = e.error === undefined ? -1 : e.error ? 1 : 0;
  }
  return c;
}

/** The events again, as `toIncoming` builds them (absent fields left out). */
export function fromColumns(c: EventColumns): IncomingEvent[] {
  const n = c.userId.length;
  const out = new Array<IncomingEvent>(n);
  for (let i = 0; i < n; i++) {
    const at = i * NUMBERS;
    const e: { -readonly [K in keyof IncomingEvent]: IncomingEvent[K] } = { userId: c.userId[i]!, timestamp: c.numbers[at]!, action: c.action[i]! };
    const sessionId = c.sessionId[i];
    if (sessionId != null) e.sessionId = sessionId;
    const dataType = c.dataType[i];
    if (dataType != null) e.dataType = dataType;
    const durationMs = c.numbers[at + 1]!;
    if (!Number.isNaN(durationMs)) e.durationMs = durationMs;
    const status = c.numbers[at + 2]!;
    if (!Number.isNaN(status)) e.status = status;
    const error = c.error[i]!;
    if (error >= 0) e.error = error === 1;
    const bytes = c.numbers[at + 3]!;
    if (!Number.isNaN(bytes)) e.bytes = bytes;
    const cost = c.numbers[at + 4]!;
    if (!Number.isNaN(cost)) e.cost = cost;
    out[i] = e;
  }
  return out;
}
