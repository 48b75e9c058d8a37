import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { skipReasonNames } from '../actions/skip-reasons';
import type { PoolStatus } from '../drivers/driver';

/** What the pool-size gauge reads at scrape time. */
export interface PoolSizeSource {
  poolSizes(): Promise<{ pool: string; driver: string; status: PoolStatus | undefined }[]>;
  queuedIntents(): number;
}

/**
 * The webhook's own metrics on an injected registry. Labels are bounded: drivers, configured pools,
 * actions, outcomes and skip reasons come from fixed lists or the config, never from request data.
 */
export class WebhookMetrics {
  readonly alertsReceived: Counter<'status'>;
  readonly actions: Counter<'driver' | 'pool' | 'action' | 'outcome'>;
  readonly skipped: Counter<'reason'>;
  readonly actionDuration: Histogram<'driver' | 'action'>;
  readonly receiptToDone: Histogram<'driver'>;
  readonly rejectedRequests: Counter<'code'>;

  constructor(registry: Registry, source: PoolSizeSource) {
    const registers = [registry];
    this.alertsReceived = new Counter({ name: 'shadowfleet_webhook_alerts_received_total', help: 'Alerts received in valid notifications, by their own status.', labelNames: ['status'], registers });
    this.actions = new Counter({
      name: 'shadowfleet_webhook_actions_total',
      help: 'Scaling intents finished, by driver, pool, action and outcome (applied, noop, dry_run, skipped, failed, abandoned, uncertain).',
      labelNames: ['driver', 'pool', 'action', 'outcome'],
      registers,
    });
    this.skipped = new Counter({ name: 'shadowfleet_webhook_alerts_skipped_total', help: 'Alerts or intents deliberately not acted on, by reason.', labelNames: ['reason'], registers });
    for (const reason of skipReasonNames) this.skipped.inc({ reason }, 0);
    this.actionDuration = new Histogram({
      name: 'shadowfleet_webhook_action_duration_seconds',
      help: 'Time a driver took to apply a change.',
      labelNames: ['driver', 'action'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    });
    this.receiptToDone = new Histogram({
      name: 'shadowfleet_webhook_receipt_to_applied_seconds',
      help: 'Time from accepting an alert to its change being applied.',
      labelNames: ['driver'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 600],
      registers,
    });
    this.rejectedRequests = new Counter({ name: 'shadowfleet_webhook_rejected_requests_total', help: 'Webhook requests answered with an error, by HTTP status code.', labelNames: ['code'], registers });
    new Gauge({
      name: 'shadowfleet_webhook_pool_units',
      help: 'Units in each pool by state (active serves traffic, standby is warm and idle), as last observed.',
      labelNames: ['pool', 'driver', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const { pool, driver, status } of await source.poolSizes()) {
          if (!status) continue;
          this.set({ pool, driver, state: 'active' }, status.active);
          this.set({ pool, driver, state: 'standby' }, status.standby);
        }
      },
    });
    new Gauge({
      name: 'shadowfleet_webhook_pool_desired_units',
      help: 'Units each pool is asked to have (e.g. a Deployment\'s spec.replicas), for drivers where that differs from the active (Ready) units; with shadowfleet_webhook_pool_units{state="active"} it shows units that do not serve yet.',
      labelNames: ['pool', 'driver'],
      registers,
      async collect() {
        this.reset();
        for (const { pool, driver, status } of await source.poolSizes()) if (status?.desired !== undefined) this.set({ pool, driver }, status.desired);
      },
    });
    new Gauge({
      name: 'shadowfleet_webhook_pool_held_units',
      help: 'For drivers that keep their own standby (local, kubernetes): the total, active plus standby, they follow — the last set-point\'s pool_hosts (the manager\'s total), else the active units plus the configured standby. The shipped ShadowfleetSetHosts alert sends a set-point while it differs from shadowfleet:desired_pool_hosts.',
      labelNames: ['pool', 'driver'],
      registers,
      async collect() {
        this.reset();
        for (const { pool, driver, status } of await source.poolSizes()) if (status?.holds !== undefined) this.set({ pool, driver }, status.holds);
      },
    });
    new Gauge({
      name: 'shadowfleet_webhook_pool_lost_units',
      help: 'Units the driver put in place that the pool no longer has because another writer undid them, as last observed.',
      labelNames: ['pool', 'driver'],
      registers,
      async collect() {
        this.reset();
        for (const { pool, driver, status } of await source.poolSizes()) if (status?.desired !== undefined) this.set({ pool, driver }, status.lost ?? 0);
      },
    });
    new Gauge({
      name: 'shadowfleet_webhook_intents_queued',
      help: 'Accepted intents waiting to run (scheduled scale-backs included).',
      registers,
      collect() {
        this.set(source.queuedIntents());
      },
    });
  }
}
