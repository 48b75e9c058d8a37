import { Counter, Gauge, type Registry } from 'prom-client';
import type { ProfileService } from './service';

/**
 * Profile metrics, filled at scrape time from the service. Labels are profile ids and names (a
 * handful, bounded by k), never users.
 */
export function registerProfileMetrics(registry: Registry, service: ProfileService): void {
  new Gauge({
    name: 'shadowfleet_profile_users',
    help: "Users in each behavioural profile at the last rebuild (with shards: this shard's users, in shard 0's profiles, so sum by (profile) is the site's)",
    labelNames: ['profile', 'name'],
    registers: [registry],
    collect() {
      this.reset();
      for (const p of service.model?.profiles ?? []) this.set({ profile: p.id, name: p.name }, p.size);
    },
  });
  /** A gauge without labels, set at scrape time when `value` has one (none before the first rebuild). */
  const scalar = (name: string, help: string, value: () => number | undefined): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const v = value();
        if (v !== undefined) this.set(v);
      },
    });
  };
  scalar(
    'shadowfleet_profile_model_available',
    "1 when this exporter has a profile model (on a shard other than 0: shard 0's, taken and assigned to), 0 before (no profiles are reported then)",
    () => (service.model ? 1 : 0),
  );
  scalar('shadowfleet_profile_rebuild_duration_seconds', 'Duration of the last profile rebuild (store query, features, K-Means, DBSCAN, naming, save)', () => service.lastRebuild?.durationSeconds);
  scalar('shadowfleet_profile_silhouette', 'Mean silhouette coefficient of the current profile clustering (-1..1)', () => service.model?.silhouette);
  scalar(
    'shadowfleet_profile_k_at_search_limit',
    '1 when the k rule never stopped inside its range and the profile count is the search limit (SHADOWFLEET_PROFILE_K_MAX), else 0',
    () => {
      const s = service.model?.kSelection;
      return s ? (s.stoppedBy === 'limit' ? 1 : 0) : undefined;
    },
  );
  scalar('shadowfleet_profile_last_rebuild_timestamp_seconds', 'When the current profile model was built (Unix seconds)', () => (service.model ? service.model.builtAt / 1000 : undefined));
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
