import { ShortTermForecaster } from './short-term-forecaster';
import { seededRandom } from '../random';

/** Deterministic pseudo-random numbers so the test is repeatable. */
const rng = seededRandom;

describe('short-term forecaster', () => {
  it('forecasts a constant series as that constant', () => {
    const f = new ShortTermForecaster({ maxHorizon: 6 });
    for (let i = 0; i < 200; i++) f.observe(100);
    const fc = f.forecast(6, 0.98);
    expect(fc.point).toBe(100);
    expect(fc.value).toBeGreaterThanOrEqual(100);
    expect(fc.value).toBeLessThanOrEqual(102);
  });

  it('extrapolates part of a recent trend', () => {
    const f = new ShortTermForecaster({ maxHorizon: 6, trendWeight: 1, levelMinutes: 5, trendMinutes: 5 });
    for (let i = 0; i < 50; i++) f.observe(10 * i);
    // level = mean of the last 5 (470), centred 2 minutes back; slope 10 per minute
    expect(f.forecast(1, 0.5).point).toBeCloseTo(490 + 10, 6);
    expect(f.forecast(6, 0.5).point).toBeCloseTo(490 + 60, 6);
  });

  it('its upper quantile covers about that share of future minutes on noisy traffic', () => {
    const f = new ShortTermForecaster({ maxHorizon: 2 });
    const next = rng(7);
    let covered = 0;
    let scored = 0;
    let upper = 0;
    for (let t = 0; t < 8000; t++) {
      const r = Math.round(100 + 30 * Math.sin(t / 200) + 20 * (next() - 0.5) * 2);
      if (t > 1500) {
        scored++;
        if (r <= upper) covered++;
      }
      f.observe(r);
      upper = f.forecast(1, 0.9).value;
    }
    expect(covered / scored).toBeGreaterThan(0.87);
    expect(covered / scored).toBeLessThan(0.93);
  });

  it('follows a level shift at once: two minutes far beyond the level replace it', () => {
    const f = new ShortTermForecaster({ maxHorizon: 2 });
    for (let i = 0; i < 100; i++) f.observe(100 + (i % 2)); // volatility ≈ 1
    f.observe(400);
    expect(f.forecast(1, 0.5).point).toBeLessThan(140); // one outlier: the 15-minute mean moves a little
    f.observe(420);
    expect(f.forecast(1, 0.5).point).toBe(410); // two: a new level
  });

  it('robust mode ignores a collector gap in the level', () => {
    const plain = new ShortTermForecaster({ maxHorizon: 1 });
    const robust = new ShortTermForecaster({ maxHorizon: 1, robust: true });
    for (const f of [plain, robust]) {
      for (let i = 0; i < 60; i++) f.observe(1000 + (i % 3) * 10);
      for (let i = 0; i < 3; i++) f.observe(1000); // stays at the level: not a shift
    }
    for (const f of [plain, robust]) f.observe(0); // one empty minute
    expect(robust.forecast(1, 0.5).point).toBeGreaterThan(995);
    expect(plain.forecast(1, 0.5).point).toBeLessThan(960);
  });

  it('keeps room for bursts only at the phase where they recur', () => {
    const f = new ShortTermForecaster({ maxHorizon: 2, burstPeriods: [30] });
    // 100 requests a minute with small noise; every 30 minutes, at phase 2, a one-minute burst to 400.
    for (let m = 0; m < 3 * 1440 + 30; m++) f.observe(m % 30 === 2 ? 400 : 100 + (m % 3));
    // Observed through minute 3·1440 + 29, so h = 1 is a phase-0 minute.
    const quiet = f.forecast(1, 0.95);
    f.observe(100);
    const beforeBurst = f.forecast(2, 0.95); // h = 1, 2: phases 1 and 2
    expect(quiet.value).toBeLessThan(120);
    expect(beforeBurst.value).toBeGreaterThan(350);
  });

  it('after a periodic burst, quiet phases get no more room than before it (the burst does not inflate their errors)', () => {
    const f = new ShortTermForecaster({ maxHorizon: 6, burstPeriods: [30] });
    // 100 a minute ± 2; every fourth cycle a burst to 400 at phases 2–6. The series starts in an empty spell.
    const r = (m: number): number => (m < 15 ? 0 : Math.floor(m / 30) % 4 === 0 && m % 30 >= 2 && m % 30 <= 6 ? 400 : 100 + (m % 5) - 2);
    let m = 0;
    for (; m < 3 * 1440 + 12; m++) f.observe(r(m)); // a burst cycle, five minutes after its burst
    const afterBurst = f.forecast(6, 0.985);
    for (; m < 3 * 1440 + 30 + 12; m++) f.observe(r(m)); // the same phase of a quiet cycle
    const quiet = f.forecast(6, 0.985);
    expect(afterBurst.value).toBeLessThan(105);
    expect(Math.abs(afterBurst.value - quiet.value)).toBeLessThan(3);
    // Ahead of the burst phase there is room for the burst, and not much more.
    for (; m < 3 * 1440 + 60; m++) f.observe(r(m));
    expect(f.forecast(3, 0.985).value).toBeGreaterThan(380);
    expect(f.forecast(3, 0.985).value).toBeLessThan(450);
  });

  it('names bad input', () => {
    const f = new ShortTermForecaster({ maxHorizon: 2 });
    expect(() => f.forecast(1, 0.9)).toThrow(/nothing observed yet/);
    f.observe(5);
    expect(() => f.forecast(3, 0.9)).toThrow('horizon must be 1 … 2, got 3');
    expect(() => f.forecast(1, 1)).toThrow('quantile must be in (0, 1), got 1');
    expect(() => f.observe(-1)).toThrow('requests must be a number ≥ 0, got -1');
    expect(() => new ShortTermForecaster({ maxHorizon: 0 })).toThrow(/maxHorizon must be/);
  });
});
