import type { IncomingEvent } from '../store/types';
import { urlToDataType } from './url-action';
import { actionOf, DEFAULT_ACTION_RULES } from './action-rules';
import type { ImportOptions } from './types';

/** An HTTP log request as an event: host → user, URL → action and data type, status, bytes. */
export function requestEvent(host: string, timestamp: number, url: string, status: number, bytes: number | undefined, options: ImportOptions = {}): IncomingEvent {
  const rules = options.actionRules ?? (options.actionDepth === undefined ? DEFAULT_ACTION_RULES : { depth: options.actionDepth, rules: [] });
  const e: { -readonly [K in keyof IncomingEvent]: IncomingEvent[K] } = {
    userId: host.toLowerCase(),
    timestamp,
    action: actionOf(url, rules),
    dataType: urlToDataType(url),
    status,
    error: status >= 400,
  };
  if (bytes !== undefined) e.bytes = bytes;
  return e;
}

/**
 * `GET /path HTTP/1.0` → the URL (also for requests without a protocol, or with spaces in the URL).
 * An empty URL (`GET  HTTP/1.0`, seen once in the EPA trace) is the root, `/`.
 */
export function requestUrl(request: string): string | undefined {
  const first = request.indexOf(' ');
  if (first < 0) return request.startsWith('/') ? request : undefined;
  let rest = request.slice(first + 1);
  const proto = rest.search(/ HTTP\/\d(\.\d)?\s*$/i);
  if (proto >= 0) rest = rest.slice(0, proto);
  return rest.trim() || '/';
}
