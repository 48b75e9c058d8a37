export { runtimeCommand, runtimeCommands, HAPROXY_NAME, RUNTIME_TIMEOUT_MS, type RuntimeCommandOptions } from './command';
export { parseShowStat, backendStats, parseCurrentSessions, readShowStat, type BackendStats, type StatRow } from './show-stat';
export { parseServersState, isMaint, isDraining, isServing, ADMIN_MAINT_MASK, ADMIN_DRAIN_MASK, OP_RUNNING, type ServerState } from './servers-state';
