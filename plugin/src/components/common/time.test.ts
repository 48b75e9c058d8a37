import { config } from '@grafana/runtime';
import { formatWhen } from './time';

describe('times in the signed-in user’s time zone', () => {
  const user = config.bootData.user;
  afterEach(() => {
    config.bootData.user = user;
  });

  it('follows the user’s Grafana time zone and says how long ago', () => {
    config.bootData.user = { ...user, timezone: 'Asia/Tokyo' };
    expect(formatWhen('2026-12-07T00:00:00Z', Date.parse('2026-12-07T01:00:00Z'))).toBe('2026-12-07 09:00:00');
    config.bootData.user = { ...user, timezone: 'utc' };
    expect(formatWhen('2026-12-07T00:00:00Z', Date.parse('2026-12-07T01:00:00Z'))).toBe('2026-12-07 00:00:00');
    expect(formatWhen(Date.now() - 3 * 3600_000)).toMatch(/ \(3 hours ago\)$/);
    expect(formatWhen(undefined)).toBe('—');
  });
});
