import pino, { type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger };

/** Longest log message kept (a longer one is cut and says so). */
export const MAX_MESSAGE_CHARS = 1024;
/** A log line over this many characters is rendered again with `boundFields(fields, true)` (tighter). */
export const MAX_LINE_CHARS = 16 * 1024;

export interface LoggerOptions {
  /** The `service` field of every line: `exporter` or `alertmanager-webhook`. */
  readonly service: string;
  /** Where lines go (one JSON object and a newline per call); default stderr. */
  readonly write?: (line: string) => void;
  /** Least level written; default `info`. */
  readonly level?: Level | 'silent';
  /**
   * Makes a line's fields small (values from clients can be long or deep): `tight` is set when the
   * first rendering was over MAX_LINE_CHARS. Both services pass `boundedLogFields` (@shadowfleet/models/wire).
   */
  readonly boundFields?: (fields: Record<string, unknown>, tight: boolean) => Record<string, unknown>;
}

function cutMessage(msg: string): string {
  return msg.length <= MAX_MESSAGE_CHARS ? msg : `${msg.slice(0, MAX_MESSAGE_CHARS)}…(${msg.length - MAX_MESSAGE_CHARS} more characters)`;
}

/**
 * The one logger of both services (pino): one JSON object per line with `time` (ISO), `level` (label),
 * `service`, `component` (from `logger.child({ component })`), `msg`, and `err` ({type, message, stack})
 * and `reqId` where there is one. Call as `log.info({ field }, 'message')` or `log.error({ err }, 'message')`.
 */
export function createLogger(options: LoggerOptions): Logger {
  const bound = options.boundFields ?? ((fields) => fields);
  const destination: DestinationStream = options.write ? { write: options.write } : pino.destination({ fd: 2, sync: true });
  return pino(
    {
      base: { service: options.service },
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      // formatters.log below has already serialized (and bounded) err.
      serializers: { err: (err: unknown) => err },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => {
          const fields = object.err instanceof Error ? { ...object, err: pino.stdSerializers.err(object.err) } : object;
          const small = bound(fields, false);
          return JSON.stringify(small).length > MAX_LINE_CHARS ? bound(fields, true) : small;
        },
      },
      hooks: {
        logMethod(args, method) {
          const i = typeof args[0] === 'string' ? 0 : 1;
          if (typeof args[i] === 'string') args[i] = cutMessage(args[i] as string);
          method.apply(this, args);
        },
      },
    },
    destination,
  );
}

/** A logger that writes nothing (tests, benchmarks). */
export function silentLogger(): Logger {
  return createLogger({ service: 'silent', level: 'silent' });
}
