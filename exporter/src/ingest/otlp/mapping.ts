import { actionOf, type ActionRules } from '../../importers/action-rules';
import { urlToDataType } from '../../importers/url-action';
import type { DropReason } from '../source-metrics';
import { attributeMap, firstOf, type Attributes, type PlainValue } from './attributes';
import type { LogRecord, LogsRequest } from './proto';

/**
 * Which attributes make which event field, first present wins; record attributes before resource
 * attributes. OpenTelemetry semantic conventions, plus the `shadowfleet.*` namespace for what they do
 * not name. docs/ingest-sources.md shows this table; a test keeps the two equal.
 */
export const ATTRIBUTE_MAP = {
  user_id: ['user.id', 'enduser.id'],
  session_id: ['session.id'],
  action: ['shadowfleet.action', 'shadowfleet.feature'],
  path: ['http.route', 'url.path', 'url.full'],
  method: ['http.request.method'],
  data_type: ['shadowfleet.data_type'],
  status: ['http.response.status_code'],
  duration_ms: ['shadowfleet.duration_ms'],
  duration_s: ['http.server.request.duration'],
  bytes: ['http.response.body.size'],
  error: ['shadowfleet.error', 'error.type'],
  cost: ['shadowfleet.cost'],
  backend: ['shadowfleet.backend'],
} as const;

/** A log record made into a wire event (validated later), and for each wire field the attribute it came from. */
export interface MappedRecord {
  readonly wire: Record<string, PlainValue>;
  readonly origin: Readonly<Record<string, string>>;
  /** Where the record is in the request, for messages: `resourceLogs[0].scopeLogs[1].logRecords[2]`. */
  readonly at: string;
}

export interface MappedLogs {
  readonly records: MappedRecord[];
  readonly dropped: Array<{ readonly at: string; readonly reason: DropReason; readonly problem: string }>;
  readonly total: number;
}

/** Log records in a request (before mapping), to enforce the per-request limit. */
export function countLogRecords(request: LogsRequest): number {
  let n = 0;
  for (const rl of request.resourceLogs ?? []) for (const sl of rl.scopeLogs ?? []) n += sl.logRecords?.length ?? 0;
  return n;
}

const NANOS_PER_MS = 1_000_000n;

/** time_unix_nano, else observed_time_unix_nano (the spec's rule), else the time it arrived; in ms. */
function timestampMs(record: LogRecord, receivedMs: number): number {
  for (const nanos of [record.timeUnixNano, record.observedTimeUnixNano]) {
    if (nanos !== undefined && nanos !== '0' && /^\d+$/.test(nanos)) return Number(BigInt(nanos) / NANOS_PER_MS);
  }
  return receivedMs;
}

/** One record's attributes → a wire event, or why it cannot be one. */
function mapRecord(attrs: Attributes, record: LogRecord, receivedMs: number, rules: ActionRules): { wire: Record<string, PlainValue>; origin: Record<string, string> } | { reason: DropReason; problem: string } {
  const wire: Record<string, PlainValue> = { timestamp: timestampMs(record, receivedMs) };
  const origin: Record<string, string> = { timestamp: 'time_unix_nano' };
  const take = (field: string, keys: readonly string[], as: (v: PlainValue) => PlainValue = (v) => v): boolean => {
    const found = firstOf(attrs, keys);
    if (!found) return false;
    wire[field] = as(found.value);
    origin[field] = found.key;
    return true;
  };
  // A numeric user id is still an id.
  if (!take('user_id', ATTRIBUTE_MAP.user_id, (v) => (typeof v === 'number' ? String(v) : v))) {
    return { reason: 'no_user', problem: `needs a ${ATTRIBUTE_MAP.user_id.join(' or ')} attribute` };
  }
  take('session_id', ATTRIBUTE_MAP.session_id, (v) => (typeof v === 'number' ? String(v) : v));
  const path = firstOf(attrs, ATTRIBUTE_MAP.path);
  if (!take('action', ATTRIBUTE_MAP.action)) {
    if (!path || typeof path.value !== 'string') {
      return { reason: 'no_action', problem: `needs one of ${[...ATTRIBUTE_MAP.action, ...ATTRIBUTE_MAP.path].join(', ')} (a string)` };
    }
    const method = firstOf(attrs, ATTRIBUTE_MAP.method)?.value;
    wire.action = actionOf(path.value, rules, typeof method === 'string' ? method : undefined);
    origin.action = path.key;
  }
  if (!take('data_type', ATTRIBUTE_MAP.data_type) && path && typeof path.value === 'string' && path.key !== 'http.route') {
    wire.data_type = urlToDataType(path.value);
    origin.data_type = path.key;
  }
  take('status', ATTRIBUTE_MAP.status);
  if (!take('duration_ms', ATTRIBUTE_MAP.duration_ms)) take('duration_ms', ATTRIBUTE_MAP.duration_s, (v) => (typeof v === 'number' ? v * 1000 : v));
  take('bytes', ATTRIBUTE_MAP.bytes);
  take('cost', ATTRIBUTE_MAP.cost);
  take('backend', ATTRIBUTE_MAP.backend);
  // error: shadowfleet.error as given; error.type (any value) means an error; else a status >= 400.
  if (!take('error', ATTRIBUTE_MAP.error, (v) => (typeof v === 'boolean' ? v : true)) && typeof wire.status === 'number') wire.error = wire.status >= 400;
  return { wire, origin };
}

/** Every log record of a request → wire events to validate, and the records dropped with the reason. */
export function mapLogsRequest(request: LogsRequest, receivedMs: number, rules: ActionRules): MappedLogs {
  const records: MappedRecord[] = [];
  const dropped: MappedLogs['dropped'] = [];
  let total = 0;
  (request.resourceLogs ?? []).forEach((rl, r) => {
    const resource = attributeMap(rl.resource?.attributes);
    (rl.scopeLogs ?? []).forEach((sl, s) => {
      (sl.logRecords ?? []).forEach((record, l) => {
        total++;
        const at = `resourceLogs[${r}].scopeLogs[${s}].logRecords[${l}]`;
        const mapped = mapRecord({ record: attributeMap(record.attributes), resource }, record, receivedMs, rules);
        if ('reason' in mapped) dropped.push({ at, reason: mapped.reason, problem: mapped.problem });
        else records.push({ ...mapped, at });
      });
    });
  });
  return { records, dropped, total };
}
