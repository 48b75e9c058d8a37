export { runtimeCommand, runtimeCommands, runtimeCommandWithPayload, HAPROXY_NAME, RUNTIME_TIMEOUT_MS, CLI_BUFFER_BYTES, type RuntimeCommandOptions } from './command';
export { replaceMap, showMap, parseShowMap, MAP_WORD, type MapEntry, type MapReplacement } from './maps';
export { parseShowStat, backendStats, parseCurrentSessions, readShowStat, type BackendStats, type StatRow } from './show-stat';
export { parseServersState, isMaint, isDraining, isServing, ADMIN_MAINT_MASK, ADMIN_DRAIN_MASK, OP_RUNNING, type ServerState } from './servers-state';
