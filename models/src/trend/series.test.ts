import { aggregate, defaultPeriods, fillGaps, HOUR_MS, MINUTE_MS, toRegularSeries } from './series';

describe('toRegularSeries', () => {
  test('puts rows on the minute grid, sums rows in the same minute, fills a gap with the last value', () => {
    const s = toRegularSeries([60, 61, 180, 240], [1, 2, 5, 7]);
    expect(s).toEqual({ startMs: 60_000, stepMs: MINUTE_MS, values: [3, 3, 5, 7] });
  });

  test('fills a gap with the value one day earlier when there is one', () => {
    const day = 1440;
    const ts = Array.from({ length: day + 3 }, (_, i) => i * 60).filter((t) => t !== (day + 1) * 60);
    const values = ts.map((t) => (t / 60 === 1 ? 42 : 1));
    expect(toRegularSeries(ts, values).values[day + 1]).toBe(42);
  });

  test.each([
    [[1, 2], [1], 'timestamps and values must have the same length, got 2 and 1'],
    [[], [], 'a series needs at least one value, got none'],
    [[120, 60], [1, 1], 'timestamps must be in ascending order'],
  ])('rejects bad input %#', (ts, vs, message) => {
    expect(() => toRegularSeries(ts, vs)).toThrow(message);
  });
});

describe('series helpers', () => {
  test('aggregate sums, averages or takes the max of whole groups', () => {
    const s = { startMs: 0, stepMs: MINUTE_MS, values: [1, 2, 3, 4, 5] };
    expect(aggregate(s, 2, 'sum').values).toEqual([3, 7]);
    expect(aggregate(s, 2, 'mean')).toEqual({ startMs: 0, stepMs: 2 * MINUTE_MS, values: [1.5, 3.5] });
    expect(aggregate(s, 2, 'max').values).toEqual([2, 4]);
    expect(() => aggregate(s, 0, 'sum')).toThrow('factor must be a positive integer, got 0');
  });

  test('fillGaps leaves 0 before the first value', () => {
    expect(fillGaps([NaN, 2, NaN], 10)).toEqual([0, 2, 2]);
  });

  test('defaultPeriods keeps a period only with two full cycles of history', () => {
    expect(defaultPeriods(HOUR_MS, 47)).toEqual([]);
    expect(defaultPeriods(HOUR_MS, 48)).toEqual([24]);
    expect(defaultPeriods(HOUR_MS, 336)).toEqual([24, 168]);
    expect(defaultPeriods(HOUR_MS, 2 * 8766)).toEqual([24, 168, 8766]);
    expect(defaultPeriods(MINUTE_MS, 20160)).toEqual([1440, 10080]);
  });
});
