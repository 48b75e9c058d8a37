import { readFileSync } from 'node:fs';
import { loadAugurs, type Augurs } from './augurs';
import { forecastLoad } from './forecast';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './series';
import { normalNoise } from './test-series';
import type { RegularSeries } from './types';

// Fitting MSTL takes a second or more on a busy 2-core machine; jest's 5 s default is too tight.
jest.setTimeout(60_000);

/** Hourly series: level + slope·day + daily sine + weekend dip, deterministic small noise. */
function hourly(days: number, opts: { level?: number; slopePerDay?: number; weekend?: number } = {}): RegularSeries {
  const values: number[] = [];
  const noise = normalNoise(42);
  for (let i = 0; i < days * 24; i++) {
    const day = Math.floor(i / 24);
    const weekday = (day + 3) % 7; // series starts on a Thursday (1970-01-01)
    values.push(
      (opts.level ?? 100) + (opts.slopePerDay ?? 0) * (i / 24) + 30 * Math.sin((2 * Math.PI * (i % 24)) / 24) -
        (weekday >= 5 ? (opts.weekend ?? 0) : 0) + noise(),
    );
  }
  return { startMs: 0, stepMs: HOUR_MS, values };
}

let augurs: Augurs;
beforeAll(async () => {
  augurs = await loadAugurs(readFileSync);
});

describe('forecastLoad (augurs MSTL + ETS)', () => {
  test('uses daily and weekly periods when the history holds two weeks, and starts right after it', () => {
    const f = forecastLoad(augurs, hourly(21), { horizon: 48 });
    expect(f.periods).toEqual([24, 168]);
    expect(f.startMs).toBe(21 * DAY_MS);
    expect(f.stepMs).toBe(HOUR_MS);
    expect(f.point).toHaveLength(48);
    expect(f.level).toBe(0.95);
  });

  test('keeps only the daily period with under two weeks of history', () => {
    expect(forecastLoad(augurs, hourly(10), { horizon: 24 }).periods).toEqual([24]);
  });

  test('follows the daily cycle and the weekly dip of a synthetic series', () => {
    const history = hourly(28, { weekend: 40 });
    const f = forecastLoad(augurs, history, { horizon: 7 * 24 });
    // Day 28 is a Thursday: truth for the next week is known.
    const truth = hourly(35, { weekend: 40 }).values.slice(28 * 24);
    const mae = f.point.reduce((a, v, i) => a + Math.abs(v - truth[i]), 0) / f.point.length;
    expect(mae).toBeLessThan(3);
  });

  test('prediction interval brackets the point, widens with the level and holds most of the truth', () => {
    const history = hourly(28);
    const truth = hourly(30).values.slice(28 * 24);
    const f80 = forecastLoad(augurs, history, { horizon: 48, level: 0.8 });
    const f99 = forecastLoad(augurs, history, { horizon: 48, level: 0.99 });
    for (let i = 0; i < 48; i++) {
      expect(f80.lower[i]).toBeLessThanOrEqual(f80.point[i]);
      expect(f80.upper[i]).toBeGreaterThanOrEqual(f80.point[i]);
      expect(f99.upper[i] - f99.lower[i]).toBeGreaterThan(f80.upper[i] - f80.lower[i]);
    }
    const inside = truth.filter((v, i) => v >= f99.lower[i] && v <= f99.upper[i]).length;
    expect(inside / truth.length).toBeGreaterThan(0.9);
  });

  test('reports the growth of a trending series', () => {
    const f = forecastLoad(augurs, hourly(28, { slopePerDay: 2 }), { horizon: 24 });
    expect(f.growth.days).toBe(28);
    expect(f.growth.slopePerDay).toBeCloseTo(2, 1);
    // mean level ≈ 100 + 2·13.5 = 127; 14 per week / 127
    expect(f.growth.relativePerWeek).toBeCloseTo(14 / 127, 2);
    expect(f.point[23]).toBeGreaterThan(hourly(28, { slopePerDay: 2 }).values[27 * 24 + 23]);
  });

  test('minute data: periods 1440 and 10080', () => {
    const values = Array.from({ length: 15 * 1440 }, (_, i) => 50 + 20 * Math.sin((2 * Math.PI * i) / 1440));
    const f = forecastLoad(augurs, { startMs: 0, stepMs: MINUTE_MS, values }, { horizon: 60 });
    expect(f.periods).toEqual([1440, 10080]);
    expect(Math.abs(f.point[0] - 50)).toBeLessThan(1);
  });

  test.each([
    ['level above 1', { horizon: 10, level: 1.5 }, 'level must be between 0 and 1 (exclusive), got 1.5'],
    ['zero horizon', { horizon: 0 }, 'horizon must be a positive whole number of steps, got 0'],
    ['period too long', { horizon: 10, periods: [200] }, 'period 200 needs at least 400 values of history, got 240'],
  ])('rejects %s', (_name, options, message) => {
    expect(() => forecastLoad(augurs, hourly(10), options)).toThrow(message);
  });

  test('rejects a non-finite history value, naming its index', () => {
    const s = hourly(3);
    const values = [...s.values];
    values[5] = NaN;
    expect(() => forecastLoad(augurs, { ...s, values }, { horizon: 5 })).toThrow('history value 5 must be a finite number, got NaN');
  });
});
