import { PhaseErrors, relativeError } from './phase-errors';

describe('errors by phase (periodic bursts)', () => {
  it('finds bursts that recur at a fixed phase and answers with that phase\'s errors', () => {
    const p = new PhaseErrors(30, 7 * 1440);
    // Every 30 minutes, at phase 2, the traffic is the forecast plus three times the typical traffic; elsewhere within ±5 %.
    for (let m = 0; m < 3 * 1440; m++) p.add(m, m % 30 === 2 ? relativeError(399, 99, 99) : relativeError(95 + (m % 11), 99, 99));
    expect(p.periodic).toBe(true);
    expect(p.error(3 * 1440 + 2, 0.9)).toBeCloseTo(3, 1);
    expect(p.error(3 * 1440 + 15, 0.9)!).toBeLessThan(0.1);
  });

  it('stays off for traffic without periodic bursts', () => {
    const p = new PhaseErrors(30, 7 * 1440);
    for (let m = 0; m < 3 * 1440; m++) p.add(m, relativeError(90 + ((m * 7919) % 23) + (m % 500 === 0 ? 300 : 0), 100, 100));
    expect(p.periodic).toBe(false);
    expect(p.error(5, 0.9)).toBeUndefined();
  });

  it('names a bad period', () => {
    expect(() => new PhaseErrors(1, 100)).toThrow('period must be a whole number of minutes ≥ 2, got 1');
  });
});
