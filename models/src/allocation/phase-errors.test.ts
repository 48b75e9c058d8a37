import { PhaseErrors } from './phase-errors';

describe('errors by phase (periodic bursts)', () => {
  it('finds bursts that recur at a fixed phase and answers with that phase\'s errors', () => {
    const p = new PhaseErrors(30, 7 * 1440);
    for (let m = 0; m < 3 * 1440; m++) p.add(m, m % 30 === 2 ? 40 : (m % 7) / 7 - 0.5);
    expect(p.periodic).toBe(true);
    expect(p.quantile(3 * 1440 + 2, 0.9)).toBe(40);
    expect(p.quantile(3 * 1440 + 15, 0.9)!).toBeLessThan(1);
  });

  it('stays off for traffic without periodic bursts', () => {
    const p = new PhaseErrors(30, 7 * 1440);
    for (let m = 0; m < 3 * 1440; m++) p.add(m, ((m * 7919) % 13) / 4 - 1.5 + (m % 500 === 0 ? 30 : 0));
    expect(p.periodic).toBe(false);
    expect(p.quantile(5, 0.9)).toBeUndefined();
  });

  it('names a bad period', () => {
    expect(() => new PhaseErrors(1, 100)).toThrow('period must be a whole number of minutes ≥ 2, got 1');
  });
});
