/** Structured log lines (one JSON object per line) so that skip reasons and actions can be grepped. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const emit = (level: string) => (message: string, fields: Record<string, unknown> = {}) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Collects entries in memory; tests read `entries`. */
export function memoryLogger(): Logger & { entries: { level: string; message: string; fields: Record<string, unknown> }[] } {
  const entries: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const push = (level: string) => (message: string, fields: Record<string, unknown> = {}) => void entries.push({ level, message, fields });
  return { entries, info: push('info'), warn: push('warn'), error: push('error') };
}
