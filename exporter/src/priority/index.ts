// priority: profile priorities at the load balancer (HAProxy queue priority classes from a user → class map).
export { startPriority } from './start';
export { priorityRouter } from './router';
export { PriorityMapSync, PRIORITY_MAP_RETRY_MS, type PriorityMapSyncOptions, type PriorityMapStatus } from './map-sync';
export { haproxyPriorityLines, DEFAULT_PRIORITY_MAP_FILE } from './haproxy-lines';
export { registerPriorityMetrics } from './metrics';
