import { forecastPeaks, nextPeakStart, recurringPeaks } from './peaks';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './series';
import type { LoadForecast, RegularSeries } from './types';

/** Minute series from 1970-01-05 (a Monday): 10/min, 100/min on weekdays 09:00–12:00, 60/min Saturday 20:00–22:00. */
function officeHours(days: number): RegularSeries {
  const values = Array.from({ length: days * 1440 }, (_, i) => {
    const day = Math.floor(i / 1440);
    const minute = i % 1440;
    if (day % 7 < 5 && minute >= 540 && minute < 720) return 100;
    if (day % 7 === 5 && minute >= 1200 && minute < 1320) return 60;
    return 10;
  });
  return { startMs: 4 * DAY_MS, stepMs: MINUTE_MS, values };
}

describe('recurringPeaks', () => {
  test('finds the daily peak: start 09:00, three hours long, its height', () => {
    const peaks = recurringPeaks(officeHours(14), 'daily');
    expect(peaks).toHaveLength(1);
    expect(peaks[0]).toMatchObject({ cycle: 'daily', startOffsetMinutes: 540, lengthMinutes: 180 });
    expect(peaks[0].height).toBeCloseTo((5 * 100 + 2 * 10) / 7, 6);
  });

  test('weekly profile: one peak per weekday, from Monday 00:00 UTC', () => {
    const peaks = recurringPeaks(officeHours(14), 'weekly', { binMinutes: 60, thresholdFraction: 0.6 });
    expect(peaks.map((p) => p.startOffsetMinutes)).toEqual([0, 1, 2, 3, 4].map((d) => d * 1440 + 540));
    expect(peaks.every((p) => p.lengthMinutes === 180 && p.height === 100)).toBe(true);
  });

  test('the default threshold also reports the lower Saturday evening peak', () => {
    const peaks = recurringPeaks(officeHours(14), 'weekly', { binMinutes: 60 });
    expect(peaks).toHaveLength(6);
    expect(peaks[5]).toMatchObject({ startOffsetMinutes: 5 * 1440 + 1200, lengthMinutes: 120, height: 60 });
  });

  test('a peak across midnight is one peak', () => {
    const values = Array.from({ length: 3 * 24 }, (_, i) => (i % 24 >= 22 || i % 24 < 2 ? 50 : 5));
    const peaks = recurringPeaks({ startMs: 0, stepMs: HOUR_MS, values }, 'daily', { binMinutes: 60 });
    expect(peaks).toEqual([expect.objectContaining({ startOffsetMinutes: 22 * 60, lengthMinutes: 240, height: 50 })]);
  });

  test('a flat series has no peaks', () => {
    expect(recurringPeaks({ startMs: 0, stepMs: MINUTE_MS, values: new Array(2880).fill(7) }, 'daily')).toEqual([]);
  });

  test('errors name the problem', () => {
    expect(() => recurringPeaks(officeHours(14), 'daily', { binMinutes: 7 })).toThrow('binMinutes must divide a day, got 7');
    expect(() => recurringPeaks(officeHours(3), 'weekly')).toThrow('a weekly profile needs at least one full week of history');
  });
});

describe('forecast peaks and the next peak start', () => {
  const week = officeHours(7);
  const forecast: LoadForecast = {
    startMs: week.startMs + 10 * HOUR_MS, // Monday 10:00, inside a peak
    stepMs: MINUTE_MS,
    level: 0.95,
    periods: [1440],
    point: week.values.slice(600, 600 + 2 * 1440),
    lower: [],
    upper: [],
    growth: { slopePerDay: 0, relativePerWeek: 0, days: 0 },
  };

  test('lists peaks in time order with absolute times', () => {
    const peaks = forecastPeaks(forecast);
    expect(peaks[0]).toEqual({ startMs: forecast.startMs, endMs: week.startMs + 12 * HOUR_MS, height: 100 });
    expect(peaks[1].startMs).toBe(week.startMs + DAY_MS + 9 * HOUR_MS);
  });

  test('the next peak skips the one in progress', () => {
    expect(nextPeakStart(forecast)).toBe(week.startMs + DAY_MS + 9 * HOUR_MS);
  });
});

describe('forecast peaks per day', () => {
  test('a quiet day still shows its own peak next to a much busier one', () => {
    // Day 0: 10/min with a 200/min peak 12:00–13:00; day 1: 10/min with a 30/min peak 18:00–19:00.
    const point = Array.from({ length: 2 * 1440 }, (_, i) => {
      const m = i % 1440;
      if (i < 1440) return m >= 720 && m < 780 ? 200 : 10;
      return m >= 1080 && m < 1140 ? 30 : 10;
    });
    const f: LoadForecast = { startMs: 0, stepMs: MINUTE_MS, level: 0.95, periods: [1440], point, lower: point, upper: point, growth: { slopePerDay: 0, relativePerWeek: 0, days: 0 } };
    expect(forecastPeaks(f)).toEqual([
      { startMs: 12 * HOUR_MS, endMs: 13 * HOUR_MS, height: 200 },
      { startMs: DAY_MS + 18 * HOUR_MS, endMs: DAY_MS + 19 * HOUR_MS, height: 30 },
    ]);
    expect(nextPeakStart(f)).toBe(12 * HOUR_MS);
  });
});
