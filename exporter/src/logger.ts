import { createLogger, type Logger } from '@shadowfleet/service-kit';
import { boundedLogFields } from '@shadowfleet/models/wire';

export type { Logger };

/** The exporter's logger (service-kit's pino logger, `service: "exporter"`), fields bounded like the webhook's. */
export function exporterLogger(write?: (line: string) => void): Logger {
  return createLogger({ service: 'exporter', write, boundFields: boundedLogFields });
}
