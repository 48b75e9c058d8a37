// experiments: the live A/B runner — allocation strategies driving pools through the webhook's drivers (hosts starting for real under the host agent), scored through the exporter's KPIs and live experiments API.
export { runLiveExperiment, type LiveRunOptions, type LiveRunResult, type LiveArmResult, type ArmSetPoint } from './run-live';
export { liveExperimentConfigSchema, parseLiveExperimentConfig, readLiveExperimentConfig, experimentsOf, checkArmPools, backendOf, type LiveExperimentConfig, type LiveArmConfig } from './config';
export { LiveArm, fixedStrategy, perMinute, type ArmMinute, type MeasuredMinute, type PoolTarget, type LiveDecision } from './live-arm';
export { ArmHosts, type ArmHostsOptions } from './arm-hosts';
export { armStrategy, tunerChoices, tierOf, FIXED_STRATEGY, type TunerSettings } from './arm-strategy';
export { WebhookClient, SET_POINT_ALERT, type SetPointAnswer } from './webhook-client';
export { ExporterClient, bareVerdict, type BackendKpis, type ExperimentResult, type SegmentPost } from './exporter-client';
export { scoreSegment, COST_METRIC, SLO_METRIC, type ArmSegment, type SegmentRecord, type ExperimentSpec } from './segments';
export { checkHaproxy, checkExporter } from './preflight';
export { predictArm, type SimulatedArm } from './prediction';
