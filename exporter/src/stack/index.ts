export { startStack, type StackOptions, type RunningStack } from './stack';
export { findBinary, PROMETHEUS, ALERTMANAGER, type BinarySpec } from './binaries';
export { localPrometheusConfig, localAlertmanagerConfig } from './configs';
