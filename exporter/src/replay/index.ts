export { runReplay, type ReplayOptions, type ReplayReport } from './run';
export { ReplayFellBehind } from './drive';
export { sliceTrace, requestWeight, requestCounts, type ReplaySlice } from './load';
export { HttpReplay, type ReplayTally } from './http-replay';
export { workerHostsArgs, parseWorkerPorts, startWorkerHosts } from '../hosts/worker-hosts';
export { scaledRules, scaledAlertmanager, scaledPool, scaledPrometheusIntervals, checkSpeed, parseDuration, scaleDuration } from './time-scale';
export { DEFAULT_PORT_BASE } from './ports';
export { parseReplayFlags, REPLAY_DEFAULTS, type ReplayFlags } from './options';
