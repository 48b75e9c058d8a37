import { createLogger, type Logger } from '@shadowfleet/service-kit';
// the wire helpers alone: the models index loads TensorFlow, which the webhook does not need
import { boundedLogFields } from '@shadowfleet/models/wire';

export type { Logger };

/**
 * The webhook's logger (service-kit's pino logger, `service: "alertmanager-webhook"`). Every field is
 * bounded (models/wire/bounded.ts: strings to 256 characters, 20 items, 4 levels), so a label value or
 * body sent by a client cannot make a log line long; lines stay under ~16 KiB.
 */
export function webhookLogger(write?: (line: string) => void): Logger {
  return createLogger({ service: 'alertmanager-webhook', write, boundFields: boundedLogFields });
}
