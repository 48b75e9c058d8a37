// Behavioural profiles in the exporter: service, persistence, worker runner, HTTP and metrics.
export { ProfileService, intervalScheduler, type RebuildSummary, type UserProfile, type Scheduler, type ProfileServiceOptions } from './service';
export { storeAggregateSource, type AggregateSource, type AggregateSourceOptions } from './source';
export { loadProfiles, saveProfiles, profilesDir, type SavedProfiles } from './persistence';
export { inlineRunner, workerRunner, type RebuildRunner } from './runner';
export { registerProfileMetrics } from './metrics';
export { profilesRouter } from './router';
export { startProfiles, profileBuildOptions, type ProfileLookup, type ProfileAssignments } from './start';
export { profilesView, type ProfilesView, type ProfileView } from './view';
export { profilesTable } from './table';
export { profilesFromFile, firstUsers, profileFormat, type OfflineOptions, type OfflineResult } from './offline';
