import { Counter, Gauge, type Registry } from 'prom-client';
import type { PriorityMapSync } from './map-sync';

/** The priority map's metrics, read from its status at scrape time (labels: class 0…10, never users). */
export function registerPriorityMetrics(registry: Registry, sync: PriorityMapSync): void {
  new Gauge({
    name: 'shadowfleet_priority_map_entries',
    help: 'Users in the HAProxy priority map, by queue priority class (0 is served first)',
    labelNames: ['class'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [cls, n] of Object.entries(sync.status.map.byClass)) this.set({ class: cls }, n);
    },
  });
  new Gauge({
    name: 'shadowfleet_priority_map_left_out_users',
    help: 'Users of prioritised profiles not in the priority map, by reason (max_entries, unusable_key)',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      this.set({ reason: 'max_entries' }, sync.status.map.omitted);
      this.set({ reason: 'unusable_key' }, sync.status.map.unusable);
    },
  });
  new Counter({
    name: 'shadowfleet_priority_map_update_failures_total',
    help: 'Failed priority map updates, by target (file, runtime)',
    labelNames: ['target'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ target: 'file' }, sync.status.failures.file);
      this.inc({ target: 'runtime' }, sync.status.failures.runtime);
    },
  });
  new Gauge({
    name: 'shadowfleet_priority_map_policy_version',
    help: 'The policy version the priority map was last updated for',
    registers: [registry],
    collect() {
      if (sync.status.policyVersion !== undefined) this.set(sync.status.policyVersion);
    },
  });
  new Gauge({
    name: 'shadowfleet_priority_map_updated_timestamp_seconds',
    help: 'When the priority map was last updated without error (Unix seconds)',
    registers: [registry],
    collect() {
      if (sync.status.updatedAtMs !== undefined) this.set(sync.status.updatedAtMs / 1000);
    },
  });
}
