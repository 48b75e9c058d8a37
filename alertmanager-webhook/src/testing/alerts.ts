import { readFileSync } from 'node:fs';
import type { Alert, WebhookPayload } from '../alertmanager/payload';
import { sourceFile } from '../util/package-paths';

/** The real Alertmanager 0.25 firing notification (src/alertmanager/fixtures), as a template. */
export function realPayload(kind: 'firing' | 'resolved' = 'firing'): WebhookPayload {
  return JSON.parse(readFileSync(sourceFile('alertmanager', 'fixtures', `${kind}-v4-am0.25.json`), 'utf8')) as WebhookPayload;
}

let counter = 0;

/** An alert of the real shape with the given labels/annotations and a fresh fingerprint unless given. */
export function makeAlert(labels: Record<string, string>, options: { annotations?: Record<string, string>; status?: 'firing' | 'resolved'; fingerprint?: string; startsAt?: string } = {}): Alert {
  const base = realPayload().alerts[0]!;
  counter++;
  return {
    ...base,
    status: options.status ?? 'firing',
    labels: { ...base.labels, ...labels },
    annotations: { ...base.annotations, ...options.annotations },
    fingerprint: options.fingerprint ?? counter.toString(16).padStart(16, '0'),
    startsAt: options.startsAt ?? base.startsAt,
    endsAt: options.status === 'resolved' ? '2026-11-27T17:30:00Z' : base.endsAt,
  };
}

/** Wraps alerts in the real notification envelope. */
export function notification(alerts: Alert[]): WebhookPayload {
  const p = realPayload();
  return { ...p, status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved', alerts };
}
