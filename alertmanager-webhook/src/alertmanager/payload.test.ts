import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeIssues } from '../util/zod-errors';
import { webhookPayloadSchema } from './payload';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));

describe('Alertmanager webhook payload v4', () => {
  it.each(['firing-v4-am0.25.json', 'resolved-v4-am0.25.json'])('accepts the real Alertmanager 0.25 notification %s', (name) => {
    const parsed = webhookPayloadSchema.parse(fixture(name));
    expect(parsed.version).toBe('4');
    expect(parsed.alerts[0]?.fingerprint).toBe('624096824c09146c');
  });

  it('keeps each alert its own status, independent of the group status', () => {
    const body = fixture('firing-v4-am0.25.json') as { alerts: Record<string, unknown>[] };
    body.alerts.push({ ...body.alerts[0], status: 'resolved', fingerprint: '0000000000000001' });
    const parsed = webhookPayloadSchema.parse(body);
    expect(parsed.status).toBe('firing');
    expect(parsed.alerts.map((a) => a.status)).toEqual(['firing', 'resolved']);
  });

  const cases: [string, (b: Record<string, unknown> & { alerts: Record<string, unknown>[] }) => void, string][] = [
    ['another payload version', (b) => (b.version = '5'), 'version: must be "4"'],
    ['a bad fingerprint', (b) => (b.alerts[0]!.fingerprint = 'xyz'), 'alerts[0].fingerprint: must be 16 lowercase hex digits, got "xyz"'],
    ['an unknown alert status', (b) => (b.alerts[0]!.status = 'pending'), 'alerts[0].status: must be "firing" or "resolved", got "pending"'],
    ['a startsAt that is not a timestamp', (b) => (b.alerts[0]!.startsAt = 'yesterday'), 'alerts[0].startsAt: must be an RFC 3339 timestamp'],
    ['no alerts', (b) => (b.alerts = []), 'alerts: must hold at least one alert'],
    ['a label value that is not a string', (b) => (b.alerts[0]!.labels = { pool: 3 }), 'alerts[0].labels.pool'],
  ];
  it.each(cases)('rejects %s, naming the field', (_name, mutate, message) => {
    const body = fixture('firing-v4-am0.25.json') as Record<string, unknown> & { alerts: Record<string, unknown>[] };
    mutate(body);
    const result = webhookPayloadSchema.safeParse(body, { reportInput: true });
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error).join('\n')).toContain(message);
  });
});
