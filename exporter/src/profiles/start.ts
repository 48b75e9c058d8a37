import { DEFAULT_BUILD_OPTIONS, type BuildOptions } from '@shadowfleet/models';
import type { Config } from '../config';
import type { CoreDeps, Started } from '../lifecycle';
import { followerRunner, followOwner, ownerProfiles } from '../shards/profiles';
import { shardTopology } from '../shards/topology';
import { registerProfileMetrics } from './metrics';
import { intervalScheduler, ProfileService } from './service';
import { storeAggregateSource } from './source';

/** A user's profile in the last rebuild (stable id and name); undefined before one, or for users it did not see. */
export type ProfileLookup = Pick<ProfileService, 'assignedProfile'>;

/** Profile id per user at the last rebuild, and a hook after each rebuild (the priority map follows them). */
export type ProfileAssignments = Pick<ProfileService, 'assignments' | 'onRebuilt'>;

/** Build options from the configuration. */
export function profileBuildOptions(config: Pick<Config, 'profileKMax' | 'profileKRule'>): BuildOptions {
  return { ...DEFAULT_BUILD_OPTIONS, kSelection: { ...DEFAULT_BUILD_OPTIONS.kSelection, kMax: config.profileKMax, rule: config.profileKRule } };
}

/**
 * A ProfileService on the store and data dir, its metrics on the registry, and the rebuild schedule
 * (config.profileRebuildMinutes; 0 = on demand only). Its timers do not keep the process alive;
 * close() stops them and waits for a running rebuild. On a shard other than 0 a rebuild takes shard 0's model
 * and assigns this shard's users to it (no clustering here), and shard 0's model is checked every
 * config.shardProfilePollSeconds (docs/scaling-out.md#profiles).
 */
export function startProfiles(deps: CoreDeps): Started<ProfileService> {
  const { config, store, registry } = deps;
  const logger = deps.logger.child({ component: 'profiles' });
  const shard = shardTopology(config);
  const owner = shard && !shard.decider ? ownerProfiles(shard.urls[0], config.noAuth ? undefined : config.authToken) : undefined;
  const service = new ProfileService({
    dataDir: config.dataDir,
    source: storeAggregateSource(store, { sessionGapMinutes: config.sessionGapMinutes }),
    build: profileBuildOptions(config),
    logger,
    ...(owner ? { runner: followerRunner(owner), modelFrom: () => owner.status } : {}),
  });
  registerProfileMetrics(registry, service);
  service.startSchedule(config.profileRebuildMinutes * 60_000);
  const unfollow = owner ? followOwner(service, owner, config.shardProfilePollSeconds * 1000, intervalScheduler, logger) : () => undefined;
  return {
    service,
    close: () => {
      unfollow();
      return service.close();
    },
  };
}
