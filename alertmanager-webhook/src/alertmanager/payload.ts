import { z } from 'zod';

/**
 * Alertmanager's webhook notification, payload version 4, modelled field by field after
 * prometheus/alertmanager `notify/webhook` (Message = template.Data + version, groupKey,
 * truncatedAlerts). Unknown fields are dropped, every known field is required and checked.
 */

/** Prometheus label names: [a-zA-Z_][a-zA-Z0-9_]*. */
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)');
const labelSet = z.record(labelName, z.string());
const annotations = z.record(z.string(), z.string());
/** RFC 3339 as Go's time.Time marshals it: any sub-second precision, `Z` or an offset. */
const timestamp = z.iso.datetime({ offset: true, error: 'must be an RFC 3339 timestamp' });
const alertStatus = z.enum(['firing', 'resolved'], { error: 'must be "firing" or "resolved"' });

export const alertSchema = z.object({
  status: alertStatus,
  labels: labelSet,
  annotations,
  startsAt: timestamp,
  /** `0001-01-01T00:00:00Z` (Go's zero time) while the alert has no known end. */
  endsAt: timestamp,
  generatorURL: z.string(),
  /** Alertmanager's label-set hash: 16 lowercase hex digits. */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex digits'),
});

export const webhookPayloadSchema = z.object({
  version: z.literal('4', { error: 'must be "4" (the only webhook payload version Alertmanager sends)' }),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0, 'must be >= 0'),
  receiver: z.string(),
  status: alertStatus,
  alerts: z.array(alertSchema).min(1, 'must hold at least one alert'),
  groupLabels: labelSet,
  commonLabels: labelSet,
  commonAnnotations: annotations,
  externalURL: z.string(),
});

export type AlertStatus = z.infer<typeof alertStatus>;
export type Alert = z.infer<typeof alertSchema>;
export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;
