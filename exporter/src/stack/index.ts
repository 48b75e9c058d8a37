export { startStack, type StackOptions, type RunningStack } from './stack';
export { findBinary, requireBinary, PROMETHEUS, ALERTMANAGER, HAPROXY, type BinarySpec } from './binaries';
export { localPrometheusConfig, localAlertmanagerConfig } from './configs';
