/**
 * Bounded copies and previews of values that came from outside (request bodies, labels), for error
 * messages and log lines: however long or deep the value, the result is small, and it is built without
 * recursion deeper than `maxDepth`, so a 5,000-deep array cannot overflow the stack.
 */
export interface Bounds {
  /** Longest string kept (longer ones are cut and say by how much). */
  readonly maxString: number;
  /** Most array items / object keys kept. */
  readonly maxItems: number;
  /** Deeper levels become "[array]" / "[object]". */
  readonly maxDepth: number;
}

export const LOG_BOUNDS: Bounds = { maxString: 256, maxItems: 20, maxDepth: 4 };
const PREVIEW_BOUNDS: Bounds = { maxString: 80, maxItems: 5, maxDepth: 2 };

export function boundString(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…(${s.length - max} more characters)`;
}

/** A JSON-safe copy of `value` within `bounds`. */
export function bounded(value: unknown, bounds: Bounds = LOG_BOUNDS, depth = 0): unknown {
  if (typeof value === 'string') return boundString(value, bounds.maxString);
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return value;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Error) return boundString(value.stack ?? value.message, bounds.maxString * 8);
  if (typeof value !== 'object') return `[${typeof value}]`;
  if (Array.isArray(value)) {
    if (depth >= bounds.maxDepth) return `[array of ${value.length}]`;
    const items = value.slice(0, bounds.maxItems).map((v) => bounded(v, bounds, depth + 1));
    if (value.length > bounds.maxItems) items.push(`…(${value.length - bounds.maxItems} more items)`);
    return items;
  }
  if (depth >= bounds.maxDepth) return '[object]';
  const out = Object.create(null) as Record<string, unknown>;
  let n = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (n++ >= bounds.maxItems) {
      out['…'] = 'more keys';
      break;
    }
    out[boundString(key, bounds.maxString)] = bounded((value as Record<string, unknown>)[key], bounds, depth + 1);
  }
  return out;
}

/** A short JSON-like rendering of a rejected value for an error message ("got …"), at most `max` characters. */
export function preview(value: unknown, max = 60): string {
  const text = JSON.stringify(bounded(value, PREVIEW_BOUNDS)) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Tighter bounds for a log line still over its length limit with LOG_BOUNDS. */
export const TIGHT_LOG_BOUNDS: Bounds = { maxString: 64, maxItems: 5, maxDepth: 2 };

/** A log line's fields within LOG_BOUNDS, or TIGHT_LOG_BOUNDS (the services' logger, service-kit, calls it). */
export function boundedLogFields(fields: Record<string, unknown>, tight: boolean): Record<string, unknown> {
  return bounded(fields, tight ? TIGHT_LOG_BOUNDS : LOG_BOUNDS) as Record<string, unknown>;
}
