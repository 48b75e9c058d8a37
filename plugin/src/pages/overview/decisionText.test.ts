import { staleSince, whyWithNumbers } from './decisionText';

describe('decision rows', () => {
  it('say why with the numbers of the issue-12 contract, tiers by name', () => {
    const text = whyWithNumbers({
      at: '2026-12-07T12:00:00Z',
      pool: 'web',
      desired: { serving: 7, standby: 2, by_tier: { '1': 5, '2': 7, '3': 9 } },
      forecast: { value: 840, quantile: 0.98, horizon_minutes: 15, unit: 'cu/s' },
      capacity: { per_host: 120, unit: 'cu/s', source: 'learned' },
      explanation: 'predictive tier leads',
    });
    expect(text).toBe('q0.98 840 cu/s, 15 min ahead ÷ 120 cu/s per host (learned) → 7 serving, 2 standby (reactive 5, predictive 7, shadow 9). predictive tier leads');
  });

  it('fall back to the older exporter’s fields', () => {
    expect(whyWithNumbers({ at: 'x', tier: 3, action: 'warm', hosts: 4, explanation: 'peak ahead' })).toBe('shadow tier: warm → 4 hosts. peak ahead');
  });

  it('are stale when the newest is older than three intervals (10 minutes at least)', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(staleSince([{ at: '2026-12-07T11:55:00Z' }], 60, now)).toBeUndefined();
    expect(staleSince([{ at: '2026-12-06T18:00:00Z' }, { at: '2026-12-06T17:00:00Z' }], 60, now)).toBe(Date.parse('2026-12-06T18:00:00Z'));
    expect(staleSince([{ at: '2026-12-07T11:40:00Z' }], 600, now)).toBeUndefined();
    expect(staleSince([], 60, now)).toBeUndefined();
  });
});
