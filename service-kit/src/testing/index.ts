export { freePort } from './ports';
export { memoryLogger, type LogEntry } from './memory-logger';
export { until } from './until';
