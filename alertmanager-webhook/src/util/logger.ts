// the wire helpers alone: the models index loads TensorFlow, which the webhook does not need
import { bounded, boundString, type Bounds } from '@shadowfleet/models/wire';

const MAX_LINE_CHARS = 16 * 1024;
const TIGHT_BOUNDS: Bounds = { maxString: 64, maxItems: 5, maxDepth: 2 };

/** Structured log lines (one JSON object per line) so that skip reasons and actions can be grepped. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Every field is bounded (models/wire/bounded.ts: strings to 256 characters, 20 items, 4 levels), so
 * a label value or body sent by a client cannot make a log line long; lines stay under ~16 KiB.
 */
export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const emit = (level: string) => (message: string, fields: Record<string, unknown> = {}) => {
    const head = { time: new Date().toISOString(), level, message: boundString(message, 1024) };
    let line = JSON.stringify({ ...head, ...(bounded(fields) as Record<string, unknown>) });
    if (line.length > MAX_LINE_CHARS) line = JSON.stringify({ ...head, ...(bounded(fields, TIGHT_BOUNDS) as Record<string, unknown>) });
    write(`${line}\n`);
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Collects entries in memory; tests read `entries`. */
export function memoryLogger(): Logger & { entries: { level: string; message: string; fields: Record<string, unknown> }[] } {
  const entries: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const push = (level: string) => (message: string, fields: Record<string, unknown> = {}) => void entries.push({ level, message, fields });
  return { entries, info: push('info'), warn: push('warn'), error: push('error') };
}
