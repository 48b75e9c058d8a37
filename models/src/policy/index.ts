// policy: the allocation policy operators tune, and the strategy it selects (shared by the simulator and the exporter).
export * from './schema';
export { policyStrategy, type PolicyStrategyOptions } from './strategy';
