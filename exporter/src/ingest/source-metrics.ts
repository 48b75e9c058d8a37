import { Counter, type Registry } from 'prom-client';
import { perRegistry } from '../util/per-registry';

/** Sources that turn what users already run into events (besides POST /v1/events). */
export type EventSource = 'otlp' | 'haproxy_log';

/** Why a source dropped a record (a log record or log line) instead of storing it as an event. */
export const DROP_REASONS = {
  /** No user: no user.id/enduser.id attribute (OTLP); no captured user and no source fallback (HAProxy). */
  no_user: 'no user',
  /** No action: no shadowfleet.action/feature, http.route or url.path (OTLP); no path (HAProxy). */
  no_action: 'no action',
  /** A mapped field failed the event schema (the answer or the log names the field). */
  invalid: 'a field failed validation',
  /** HAProxy: the request was aborted before a status (status -1). */
  aborted: 'aborted request',
  /** HAProxy: the store was behind (UDP cannot push back). */
  overloaded: 'store behind',
  /** HAProxy: the store failed to save the batch. */
  store_error: 'store error',
  /** With shards: the record's user belongs to another shard (that shard keeps it when it gets the record too). */
  wrong_shard: 'user of another shard',
} as const;
export type DropReason = keyof typeof DROP_REASONS;

/** The reasons each source can drop for (each exported at 0 from the start). */
const REASONS_OF: Record<EventSource, readonly DropReason[]> = {
  otlp: ['no_user', 'no_action', 'invalid', 'wrong_shard'],
  haproxy_log: ['no_user', 'no_action', 'invalid', 'aborted', 'overloaded', 'store_error', 'wrong_shard'],
};

export interface SourceMetrics {
  readonly accepted: Counter<'source'>;
  readonly dropped: Counter<'source' | 'reason'>;
}

/** Per-source counters on the injected registry (created once per registry, every label at 0). */
export const sourceMetrics = perRegistry((registry: Registry): SourceMetrics => {
  const m: SourceMetrics = {
    accepted: new Counter({
      name: 'shadowfleet_source_events_accepted_total',
      help: 'Events a source (otlp, haproxy_log) made from log records and stored durably',
      labelNames: ['source'],
      registers: [registry],
    }),
    dropped: new Counter({
      name: 'shadowfleet_source_records_dropped_total',
      help: 'Log records or lines a source (otlp, haproxy_log) dropped instead of storing, by reason (no_user, no_action, invalid, aborted, overloaded, store_error, wrong_shard: another shard owns the user)',
      labelNames: ['source', 'reason'],
      registers: [registry],
    }),
  };
  for (const [source, reasons] of Object.entries(REASONS_OF)) {
    m.accepted.inc({ source }, 0);
    for (const reason of reasons) m.dropped.inc({ source, reason }, 0);
  }
  return m;
});
