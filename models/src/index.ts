// Public surface of @shadowfleet/models: pure computation, no I/O. Only re-exports live here.
export * from './events';
export * from './profiles';
export * from './complexity';
export * from './nextaction';
export * from './trend';
export * from './sim';
export * from './allocation';
export * from './feedback';
export * from './policy';
export * from './pools';
export * from './shards';
export { seededRandom, sampleIndices } from './random';
export * from './validation';
export * from './wire';
