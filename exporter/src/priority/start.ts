import type { Registry } from 'prom-client';
import type { Config } from '../config';
import type { Started } from '../lifecycle';
import type { Logger } from '../logger';
import type { PolicyStore } from '../policy/store';
import type { ProfileAssignments } from '../profiles/start';
import { PriorityMapSync } from './map-sync';
import { registerPriorityMetrics } from './metrics';

/**
 * Profile priorities at the load balancer: when SHADOWFLEET_PRIORITY_MAP_FILE is set, a PriorityMapSync
 * that keeps HAProxy's user → queue priority class map up to date at start, on every policy version and
 * after every profile rebuild, with its metrics. Undefined (and no metrics) when the map is not configured.
 */
export function startPriority(deps: {
  readonly config: Config;
  readonly registry: Registry;
  readonly policy: PolicyStore;
  readonly profiles: ProfileAssignments;
  readonly logger: Logger;
}): Started<PriorityMapSync | undefined> {
  const { config, policy, profiles } = deps;
  if (config.priorityMapFile === undefined) return { service: undefined, close: () => undefined };
  const sync = new PriorityMapSync({
    mapFile: config.priorityMapFile,
    socket: config.haproxyStatsSocket,
    identity: config.userIdentity,
    maxEntries: config.priorityMapMaxEntries,
    policy: () => ({ version: policy.current().version, priorities: policy.current().policy.profilePriorities }),
    assignments: () => profiles.assignments,
    logger: deps.logger.child({ component: 'priority' }),
  });
  registerPriorityMetrics(deps.registry, sync);
  policy.onChange(() => void sync.request());
  profiles.onRebuilt(() => void sync.request());
  void sync.request();
  return { service: sync, close: () => sync.close() };
}
