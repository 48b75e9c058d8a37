import { Counter, Histogram, type Registry } from 'prom-client';
import { perRegistry } from '../util/per-registry';

export type RejectReason = 'invalid' | 'malformed' | 'too_large' | 'overloaded' | 'store_error' | 'wrong_shard';

export interface IngestMetrics {
  readonly eventsIngested: Counter;
  readonly eventsRejected: Counter<'reason'>;
  readonly usersIngested: Counter;
  readonly requests: Counter<'endpoint' | 'code'>;
  readonly appendSeconds: Histogram;
}

/** Ingest metrics on the injected registry. Event counts are only known once a body is parsed. */
export const REJECT_REASONS: readonly RejectReason[] = ['invalid', 'malformed', 'too_large', 'overloaded', 'store_error', 'wrong_shard'];

/** The ingest metrics of a registry, created on first use: every source counts into the same ones. */
export const createIngestMetrics = perRegistry((registry: Registry): IngestMetrics => {
  const metrics: IngestMetrics = {
    eventsIngested: new Counter({
      name: 'shadowfleet_events_ingested_total',
      help: 'Events accepted and durably stored (every source: /v1/events, /v1/logs, the HAProxy log)',
      registers: [registry],
    }),
    eventsRejected: new Counter({
      name: 'shadowfleet_events_rejected_total',
      help: 'Events in rejected batches, by reason (invalid, malformed, too_large, overloaded, store_error, wrong_shard: another shard owns a user of the batch)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    usersIngested: new Counter({
      name: 'shadowfleet_users_ingested_total',
      help: 'User attribute records accepted and stored',
      registers: [registry],
    }),
    requests: new Counter({
      name: 'shadowfleet_ingest_requests_total',
      help: 'Ingest HTTP requests by endpoint and status code',
      labelNames: ['endpoint', 'code'],
      registers: [registry],
    }),
    appendSeconds: new Histogram({
      name: 'shadowfleet_store_append_duration_seconds',
      help: 'Time from handing a batch to the store until it is durable (includes waiting for a group commit)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
  // Every reason is exported from the start (at 0), so rates and alerts work before the first rejection.
  for (const reason of REJECT_REASONS) metrics.eventsRejected.inc({ reason }, 0);
  return metrics;
});
