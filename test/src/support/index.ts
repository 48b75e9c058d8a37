// Helpers that run real servers on loopback for end-to-end tests and benchmarks.
export { freePort } from './ports';
export { waitFor, getJson, POLL_INTERVAL_MS, DEFAULT_READY_TIMEOUT_MS } from './wait';
export { descendants, stillRunning, type ProcessId } from './process-tree';
export { spawnManaged, tempDir, Cleanup, STOP_GRACE_MS, type ManagedProcess } from './process';
export { startPrometheus, prometheusConfig, PROMETHEUS_BIN, type RunningPrometheus, type PromSample, type PromAlert, type ScrapeJob } from './prometheus';
export { startAlertmanager, ALERTMANAGER_BIN, type RunningAlertmanager, type AlertmanagerAlert } from './alertmanager';
export { startHaproxy, launchHaproxy, haproxyConfig, runtimeCommand, parseServersState, HAPROXY_BIN, type RunningHaproxy, type LaunchedHaproxy, type ServerState } from './haproxy';
export { runTool, repoRoot, provisioningDir, shadowfleetBin, TOOL_TIMEOUT_MS, type ToolResult } from './tools';
export { startWorker, servedBy, type RunningWorker } from './workers';
