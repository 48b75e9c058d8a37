import { DEFAULT_BUILD_OPTIONS, type BuildOptions } from '@shadowfleet/models';
import type { Config } from '../config';
import type { CoreDeps, Started } from '../lifecycle';
import { registerProfileMetrics } from './metrics';
import { ProfileService } from './service';
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
 * close() stops them and waits for a running rebuild.
 */
export function startProfiles(deps: CoreDeps): Started<ProfileService> {
  const { config, store, registry } = deps;
  const service = new ProfileService({
    dataDir: config.dataDir,
    source: storeAggregateSource(store, { sessionGapMinutes: config.sessionGapMinutes }),
    build: profileBuildOptions(config),
    logger: deps.logger.child({ component: 'profiles' }),
  });
  registerProfileMetrics(registry, service);
  service.startSchedule(config.profileRebuildMinutes * 60_000);
  return { service, close: () => service.close() };
}
