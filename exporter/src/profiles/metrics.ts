import { Counter, Gauge, type Registry } from 'prom-client';
import type { ProfileService } from './service';

/**
 * Profile metrics, filled at scrape time from the service. Labels are profile ids and names (a
 * handful, bounded by k), never users.
 */
export function registerProfileMetrics(registry: Registry, service: ProfileService): void {
  new Gauge({
    name: 'shadowfleet_profile_users',
    help: 'Users in each behavioural profile at the last rebuild',
    labelNames: ['profile', 'name'],
    registers: [registry],
    collect() {
      this.reset();
      for (const p of service.model?.profiles ?? []) this.set({ profile: p.id, name: p.name }, p.size);
    },
  });
  new Gauge({
    name: 'shadowfleet_profile_rebuild_duration_seconds',
    help: 'Duration of the last profile rebuild (store query, features, K-Means, DBSCAN, naming, save)',
    registers: [registry],
    collect() {
      const last = service.lastRebuild;
      if (last) this.set(last.durationSeconds);
    },
  });
  new Gauge({
    name: 'shadowfleet_profile_silhouette',
    help: 'Mean silhouette coefficient of the current profile clustering (-1..1)',
    registers: [registry],
    collect() {
      const m = service.model;
      if (m) this.set(m.silhouette);
    },
  });
  new Gauge({
    name: 'shadowfleet_profile_k_at_search_limit',
    help: '1 when the k rule never stopped inside its range and the profile count is the search limit (SHADOWFLEET_PROFILE_K_MAX), else 0',
    registers: [registry],
    collect() {
      const s = service.model?.kSelection;
      if (s) this.set(s.stoppedBy === 'limit' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'shadowfleet_profile_last_rebuild_timestamp_seconds',
    help: 'When the current profile model was built (Unix seconds)',
    registers: [registry],
    collect() {
      const m = service.model;
      if (m) this.set(m.builtAt / 1000);
    },
  });
  new Gauge({
    name: 'shadowfleet_profile_transition_users',
    help: 'Users who moved from one profile to another at the last rebuild',
    labelNames: ['from', 'to'],
    registers: [registry],
    collect() {
      this.reset();
      for (const f of service.lastRebuild?.transitions?.flows ?? []) this.set({ from: f.from, to: f.to }, f.users);
    },
  });
  new Counter({
    name: 'shadowfleet_profile_rebuilds_total',
    help: 'Profile rebuilds since start, by result',
    labelNames: ['result'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ result: 'ok' }, service.counts.ok);
      this.inc({ result: 'error' }, service.counts.error);
    },
  });
}
