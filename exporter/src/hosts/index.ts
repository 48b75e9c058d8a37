// hosts: hosts that behave like hosts behind HAProxy — worker processes at a fixed capacity, and the host agent that makes cold starts and activations take their time. Shared by `shadowfleet replay`, the demo and the live A/B.
export { HostAgent, parseWeights, serverName, type HostAgentOptions, type PoolSample } from './host-agent';
export { workerHostsArgs, parseWorkerPorts, startWorkerHosts, type WorkerHosts } from './worker-hosts';
export { backendCounters, MinuteRecorder, type BackendCounters, type ProductionMinute } from './pool-minutes';
