// allocation: the integrated resource manager (tiers 1–3, shadow fleet) and capacity classes by profile.
export * from './types';
export { CapacityModel, SATURATED_UTILISATION, MAX_FIT_SAMPLES, type CapacitySample } from './capacity-model';
export { ShortTermForecaster, SHORT_TERM_DEFAULTS, type ShortTermForecast, type ShortTermForecastOptions } from './short-term-forecaster';
export { WindowedQuantiles } from './windowed-quantiles';
export { combineTiers, COMBINE_RULE, type TierTargets } from './combine';
export { ResourceManager } from './manager';
export {
  allocateByProfile,
  validateCapacityClasses,
  CAPACITY_CLASSES,
  type CapacityClass,
  type CapacityClassConfig,
  type ProfileLoad,
  type PoolAllocation,
} from './capacity-classes';
