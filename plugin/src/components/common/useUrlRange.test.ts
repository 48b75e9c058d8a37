import { parseUrlTime } from './useUrlRange';

describe('URL time as Grafana writes it', () => {
  it('reads epoch milliseconds, relative times and refuses anything else', () => {
    expect(parseUrlTime('1765000000000', false)).toBe(1765000000000);
    const sixHoursAgo = parseUrlTime('now-6h', false)!;
    expect(Math.abs(Date.now() - 6 * 3600_000 - sixHoursAgo)).toBeLessThan(60_000);
    expect(parseUrlTime('yesterday-ish', false)).toBeUndefined();
  });
});
