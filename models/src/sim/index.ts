// sim: the fleet simulator of BENCHMARKS.md section 1 (semantics version 1), its metrics and baselines.
export * from './types';
export { TraceHistory } from './history';
export { Fleet } from './fleet';
export { defaultCapacity, hostsFor, demandSeries } from './demand';
export { oracleCost, elasticityMetrics, type MetricInputs } from './metrics';
export { actuate, actuationDelaySteps, cooldownRoomSeconds, checkActuationDelay, type ActuationPath, type ActuationDelayDerivation, type ActuatedMinutes, type FleetMinutes } from './actuation';
export { simulate, validateSimConfig, type SimResult, type SimulateOptions } from './simulate';
export { reconcileCold } from './baselines/reconcile';
export { hpaStrategy, HpaRecommender, HPA_TOLERANCE, HPA_STABILISATION_MINUTES } from './baselines/hpa';
export { predictiveStrategy } from './baselines/predictive';
export { HourlyPeakForecast, PREDICTIVE_LOOKBACK_DAYS } from './baselines/hourly-peak-forecast';
export { simulateOracle } from './baselines/oracle';
export { parseTrace, parseTraceCsv, parseTimestamp, perSecondToPerMinute, type Trace, type ParseTraceOptions } from './trace';
export { simulateJson, timelineCsv, TIMELINE_HEADER, type SimulateJson } from './report';
export { runStrategy, strategyFor, isStrategyName, STRATEGY_NAMES, type StrategyName, type StrategyDeps, type RunStrategyOptions } from './strategies';
export { tieredStrategy, type TieredOptions } from './strategies/tiered';
export { trendStandbyPlan, type StandbyPlanSource, type TrendStandbyOptions, type TrendStandbyStats } from './strategies/trend-standby';
export {
  compareRuns,
  segmentMetrics,
  bootstrapMeanInterval,
  EXPERIMENT_METRICS,
  type ExperimentMetric,
  type ExperimentOptions,
  type ExperimentResult,
} from './experiment';
export { simulateEvents, EVENT_FORECASTS, MARGINAL_PER_MINUTE, type BehaviourAdapter, type EventForecast, type EventReplayOptions, type EventReplayResult } from './events-replay';
export * from './tuning';
