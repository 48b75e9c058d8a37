import { DAY_MS, HOUR_MS, MINUTE_MS } from '@shadowfleet/models';
import { shiftToNow } from './start';

describe('shiftToNow (demo history)', () => {
  test('moves the series by whole days so it ends less than a day before now', () => {
    const series = { startMs: 0, stepMs: MINUTE_MS, values: new Array(1440 * 2).fill(1) };
    const now = 100 * DAY_MS + 5 * HOUR_MS;
    const shifted = shiftToNow(series, now);
    const end = shifted.startMs + 2 * DAY_MS;
    expect(shifted.startMs % DAY_MS).toBe(0);
    expect(now - end).toBe(5 * HOUR_MS);
    expect(shifted.values).toBe(series.values);
  });
});
