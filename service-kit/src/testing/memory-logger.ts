import { createLogger, type Logger, type LoggerOptions } from '../log/logger';

/** One parsed log line: `level`, `msg`, `service`, `component` and the call's fields. */
export interface LogEntry {
  readonly level: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A real logger (createLogger) whose lines are parsed into `entries` instead of written; for tests. */
export function memoryLogger(options: Partial<LoggerOptions> = {}): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const logger = createLogger({ service: 'test', level: 'debug', ...options, write: (line) => void entries.push(JSON.parse(line) as LogEntry) });
  return Object.assign(logger, { entries });
}
