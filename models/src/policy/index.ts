// policy: the allocation policy operators tune, and the strategy it selects (shared by the simulator and the exporter).
export * from './schema';
export { policyStrategy, type PolicyStrategyOptions } from './strategy';
export { DEFAULT_PROFILE_PRIORITY, MAX_PROFILE_PRIORITY, DEFAULT_PRIORITY_CLASS, priorityClass, priorityMapEntries, type PriorityMap, type PriorityMapOptions } from './priority-classes';
