import { simulate } from '../simulate';
import { TraceHistory } from '../history';
import { hpaStrategy } from './hpa';
import { HourlyPeakForecast } from './hourly-peak-forecast';
import { predictiveStrategy } from './predictive';
import { simulateOracle } from './oracle';
import type { SimConfig } from '../types';

const config: SimConfig = { capacity: 10, coldStart: 2, shadowActivation: 1, shadowCost: 0.1 };
const serving = (r: number[], strategy = hpaStrategy(), c = config): number[] =>
  simulate(r, strategy, c, { timeline: true }).timeline!.map((row) => row.serving);

describe('hpa baseline', () => {
  it('keeps the total inside the 10 % tolerance', () => {
    expect(serving([50, 54, 46, 54])).toEqual([5, 5, 5, 5]);
  });

  it('scales down only after the 5-minute stabilisation window', () => {
    // raw desired (from r_{t-1}): t1, t2 = 5 (inside the tolerance), t3… = 2; the window max is 5 until t6.
    expect(serving([50, 50, 20, 20, 20, 20, 20, 20, 20])).toEqual([5, 5, 5, 5, 5, 5, 5, 2, 2]);
  });

  it('scales up to ceil(r_{t-1} / C) with cold hosts that serve Lc minutes later', () => {
    // r_8 = 80 is seen at t = 9: launch 6 hosts, serving from t = 11.
    expect(serving([20, 20, 20, 20, 20, 20, 20, 20, 80, 80, 80, 80, 80])).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 8, 8]);
  });

  it('cancels booting hosts before removing serving ones, and keeps at least one', () => {
    const res = simulate([10, 90, 0, 0, 0, 0, 0, 0, 0, 0], hpaStrategy(), { ...config, coldStart: 8 }, { timeline: true });
    const rows = res.timeline!.map((r) => [r.serving, r.booting]);
    // t2 launches 8 (seeing 90); the window drops them at t7 (raw 0 since t3), booting hosts go first.
    expect(rows).toEqual([[1, 0], [1, 0], [1, 8], [1, 8], [1, 8], [1, 8], [1, 8], [1, 0], [1, 0], [1, 0]]);
  });
});

describe('predictive baseline', () => {
  it('forecasts hour h as the mean peak minute of the same hour on up to 14 past days', () => {
    const day = (peak: number): number[] => Array.from({ length: 1440 }, (_, i) => (i % 60 === 30 ? peak + Math.floor(i / 60) : 1));
    const values = [...day(100), ...day(200), ...day(0)];
    const { history, advanceTo } = TraceHistory.open(values);
    const f = new HourlyPeakForecast();
    advanceTo(1439);
    f.observe(history);
    expect(f.at(1440)).toBeUndefined(); // no forecast before 24 h of history
    advanceTo(2880);
    f.observe(history);
    expect(f.at(2880 + 3 * 60 + 5)).toBe((100 + 3 + 200 + 3) / 2);
    expect(f.at(1440 + 60)).toBe(101); // only day 0 is in the past for day 1
  });

  it('holds capacity for the forecast peak and launches it Lc minutes ahead', () => {
    // Two days where minute 30 of hour 5 peaks at 100; on day 3 the forecast holds 10 hosts in hour 5.
    const r = Array.from({ length: 3 * 1440 }, (_, i) => (i % 1440 === 5 * 60 + 30 && i < 2880 ? 100 : 10));
    const s = serving(r, predictiveStrategy());
    const hour5 = 2880 + 5 * 60;
    expect(s[hour5 - 1]).toBe(1); // launched at hour5 - Lc, still booting
    expect(s.slice(hour5, hour5 + 60).every((v) => v === 10)).toBe(true);
    expect(s[hour5 + 60]).toBe(1); // the forecast no longer holds them and the hpa part wants 1
  });
});

describe('oracle baseline', () => {
  it('supplies exactly the demand at the oracle cost', () => {
    const res = simulateOracle([10, 20, 10, 10, 10, 10, 20], { ...config, coldStart: 3 }, { timeline: true });
    expect(res.metrics.tau_U).toBe(0);
    expect(res.metrics.tau_O).toBe(0);
    expect(res.metrics.cost_ratio).toBe(1);
    expect(res.metrics.cost_host_minutes).toBe(9 + 3 + 3);
    expect(res.timeline!.map((r) => r.booting)).toEqual([1, 0, 0, 1, 1, 1, 0]);
  });
});
