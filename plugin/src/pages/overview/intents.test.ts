import type { WebhookIntent } from '../../api/types';
import { intentSummary, intentsFor, shortId } from './intents';

const intent = (over: Partial<WebhookIntent>): WebhookIntent => ({ id: '0f1e2d3c-aaaa-bbbb-cccc-000000000000', pool: 'web', action: 'set_hosts', state: 'finished', fingerprint: '0123456789abcdef', accepted_at: '2026-12-07T12:00:30Z', ...over });

describe('intents beside a decision', () => {
  const at = Date.parse('2026-12-07T12:00:00Z');
  const list = [
    intent({ id: 'late', accepted_at: '2026-12-07T12:01:00Z' }),
    intent({ id: 'b', accepted_at: '2026-12-07T12:00:40Z' }),
    intent({ id: 'a', accepted_at: '2026-12-07T12:00:10Z' }),
    intent({ id: 'other-pool', pool: 'api' }),
    intent({ id: 'before', accepted_at: '2026-12-07T11:59:59Z' }),
  ];

  it('takes the pool’s intents accepted from the decision until the next one, oldest first', () => {
    expect(intentsFor('web', at, at + 60_000, list).map((i) => i.id)).toEqual(['a', 'b']);
    expect(intentsFor(undefined, at, at + 60_000, list).map((i) => i.id)).toEqual(['a', 'other-pool', 'b']);
  });

  it.each([
    [{ from: 2, to: 5, outcome: 'dry_run' as const }, 'set_hosts 2 → 5 dry_run'],
    [{ from: 2, to: 5, outcome: 'skipped' as const, reason: 'cooldown' }, 'set_hosts 2 → 5 skipped (cooldown)'],
    [{ state: 'queued' as const }, 'set_hosts queued'],
    [{ state: 'running' as const, from: 1, to: 3 }, 'set_hosts 1 → 3 running'],
  ])('summarises %o as "%s"', (over, text) => {
    expect(intentSummary(intent(over))).toBe(text);
  });

  it('shortens the id to 8 characters', () => expect(shortId('0f1e2d3c-aaaa')).toBe('0f1e2d3c'));
});
