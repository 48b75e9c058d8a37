import { distinguishesBursts, PhaseErrors, relativeError } from './phase-errors';

describe('errors by phase (periodic bursts)', () => {
  it('finds bursts that recur at a fixed phase and answers with that phase\'s errors', () => {
    const p = new PhaseErrors(30, 7 * 1440);
    // Every 30 minutes, at phase 2, the traffic is the forecast plus three times the typical traffic; elsewhere within ±5 %.
    for (let m = 0; m < 3 * 1440; m++) p.add(m, m % 30 === 2 ? relativeError(399, 99, 99) : relativeError(95 + (m % 11), 99, 99));
    expect(p.periodic).toBe(true);
    expect(p.error(3 * 1440 + 2, 0.9)).toBeCloseTo(3, 1);
    expect(p.error(3 * 1440 + 15, 0.9)!).toBeLessThan(0.1);
  });

  it('for the next minute after a calm one, expects a burst phase only from errors that followed calm minutes', () => {
    const p = new PhaseErrors(30, 7 * 1440);
    // On every fourth cycle a burst starts at phase 2 and is still under way at phase 3.
    const error = (m: number): number => (Math.floor(m / 30) % 4 === 0 && (m % 30 === 2 || m % 30 === 3) ? 3 : 0.05 * ((m % 5) - 2));
    let m = 0;
    for (; m < 3 * 1440 + 2; m++) p.add(m, error(m));
    // Minute m (phase 2) is next; phase 3 two minutes ahead keeps the burst's errors (phase 2 not seen yet).
    expect(p.error(m + 1, 0.9)).toBe(3);
    p.add(m, 0.02); // phase 2 was calm: no burst this cycle
    m++;
    expect(p.error(m, 0.9)!).toBeLessThan(0.2); // phase 3 right after a calm phase 2
    p.add(m, 0.02);
    p.add(m + 1, 3); // a surprise at phase 4 …
    expect(p.error(m + 2, 0.9)).toBeLessThan(0.2); // … phase 5 has no bursts either way
    expect(p.error(3 * 1440 + 30 * 4 + 3, 0.9)).toBe(3); // a phase 3 further ahead: the unconditional errors
  });

  it('conditions a minute k ahead on the last minute being calm, for every lag up to maxLag', () => {
    const p = new PhaseErrors(30, 7 * 1440, 2);
    // On every fourth cycle a burst starts at phase 2 and lasts through phase 4.
    const error = (m: number): number => (Math.floor(m / 30) % 4 === 0 && m % 30 >= 2 && m % 30 <= 4 ? 3 : 0.05 * ((m % 5) - 2));
    const start = 3 * 1440 + 30; // phase 0 of a cycle without a burst
    for (let m = 0; m < start + 2; m++) p.add(m, error(m));
    p.add(start + 2, 0.02); // phase 2 calm: no burst this cycle
    expect(p.error(start + 3, 0.9)!).toBeLessThan(0.2); // phase 3, lag 1
    expect(p.error(start + 4, 0.9)!).toBeLessThan(0.2); // phase 4, lag 2: phase 3 unknown, yet no burst starts there
    expect(p.error(start + 4 + 120, 0.9)).toBe(3); // phase 4 beyond maxLag: the unconditional errors
    p.add(start + 3, 3); // a surprise at phase 3
    expect(p.error(start + 4, 0.9)).toBe(3);
    expect(() => new PhaseErrors(30, 100, 0)).toThrow('maxLag must be a whole number of minutes ≥ 1, got 0');
  });

  it('stays off for traffic without periodic bursts', () => {
    const p = new PhaseErrors(30, 7 * 1440);
    for (let m = 0; m < 3 * 1440; m++) p.add(m, relativeError(90 + ((m * 7919) % 23) + (m % 500 === 0 ? 300 : 0), 100, 100));
    expect(p.periodic).toBe(false);
    expect(p.error(5, 0.9)).toBeUndefined();
  });

  it('takes its thresholds as options: a wider spread ignores bursts that add less than it', () => {
    const feed = (p: PhaseErrors): PhaseErrors => {
      for (let m = 0; m < 3 * 1440; m++) p.add(m, m % 30 === 2 ? relativeError(399, 99, 99) : relativeError(95 + (m % 11), 99, 99));
      return p;
    };
    expect(feed(new PhaseErrors(30, 7 * 1440, 1, { spread: 2 })).periodic).toBe(true); // bursts add 3 typical traffics
    expect(feed(new PhaseErrors(30, 7 * 1440, 1, { spread: 4 })).periodic).toBe(false);
    expect(() => new PhaseErrors(30, 100, 1, { surprise: 0 })).toThrow('surprise must be > 0, got 0');
  });

  it('names a bad period', () => {
    expect(() => new PhaseErrors(1, 100)).toThrow('period must be a whole number of minutes ≥ 2, got 1');
  });

  it('records an error only where the typical traffic stands far enough above the noise to tell a burst from it', () => {
    // Default spread 1: the floor is 2 × 1.645 / 1.128 ≈ 2.92 scales.
    expect(distinguishesBursts(30, 10)).toBe(true);
    expect(distinguishesBursts(29, 10)).toBe(false);
    expect(distinguishesBursts(10, 10, 2)).toBe(false);
    expect(distinguishesBursts(15, 10, 2)).toBe(true);
    // Near-zero traffic with bursts of 3 typical units at phase 2: noise, never counted, the test stays off.
    const quiet = new PhaseErrors(30, 7 * 1440);
    for (let m = 0; m < 3 * 1440; m++) quiet.record(m, m % 30 === 2 ? 4 : 1, 1, 1, 1);
    expect(quiet.periodic).toBe(false);
    // The same relative bursts on traffic far above its noise are found.
    const busy = new PhaseErrors(30, 7 * 1440);
    for (let m = 0; m < 3 * 1440; m++) busy.record(m, m % 30 === 2 ? 399 : 99, 99, 99, 5);
    expect(busy.periodic).toBe(true);
  });
});

