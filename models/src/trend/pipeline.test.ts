import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadAugurs, type Augurs } from './augurs';
import { forecastLoad, seasonalNaiveBand } from './forecast';
import { analyseShadowFleet } from './pipeline';
import { forecastAt } from './report';
import { HOUR_MS, MINUTE_MS, toRegularSeries } from './series';
import type { ProfileMix, RegularSeries } from './types';

// Fitting MSTL takes a second or more on a busy 2-core machine; jest's 5 s default is too tight.
jest.setTimeout(60_000);

/** The bundled 15-day NASA slice (data/samples), per minute. */
function nasaSample(): RegularSeries {
  const file = path.resolve(__dirname, '../../../data/samples/nasa-http-rate-2weeks/nasa_1995-07-01_to_15_requests_per_minute.csv.gz');
  const rows = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  return toRegularSeries(rows.map((r) => Date.parse(r[0]) / 1000), rows.map((r) => Number(r[1])));
}

let augurs: Augurs;
beforeAll(async () => {
  augurs = await loadAugurs(readFileSync);
});

describe('interval cap', () => {
  test('seasonalNaiveBand: quantiles of the lagged differences', () => {
    // differences at lag 2: 1, 1, 1, 1, -4, 21 → sorted -4, 1, 1, 1, 1, 21
    expect(seasonalNaiveBand([0, 0, 1, 1, 2, 2, -2, 23], 2, 0.5)).toEqual({ below: 0, above: 1 });
    expect(seasonalNaiveBand([0, 0, 1, 1, 2, 2, -2, 23], 2, 0.99)).toEqual({ below: 4, above: 21 });
    expect(seasonalNaiveBand([1, 2], 2, 0.9)).toBeUndefined();
  });

  test('the capped interval is never wider than the raw one and stops growing a week ahead', () => {
    const history = nasaSample();
    const hourly = { ...history, stepMs: HOUR_MS, values: [] as number[] };
    for (let s = 0; s + 60 <= history.values.length; s += 60) hourly.values.push(history.values.slice(s, s + 60).reduce((a, b) => a + b, 0) / 60);
    const raw = forecastLoad(augurs, hourly, { horizon: 168, intervalCap: 'none' });
    const capped = forecastLoad(augurs, hourly, { horizon: 168 });
    expect(raw.intervalCap).toBeUndefined();
    expect(capped.intervalCap).toBeDefined();
    for (let i = 0; i < 168; i++) expect(capped.upper[i] - capped.point[i]).toBeLessThanOrEqual(raw.upper[i] - raw.point[i] + 1e-9);
    expect(raw.upper[167] - raw.point[167]).toBeGreaterThan(capped.upper[167] - capped.point[167]);
    expect(capped.upper[167] - capped.point[167]).toBeCloseTo(capped.intervalCap?.above ?? NaN, 9);
  });
});

describe('analyseShadowFleet on the bundled NASA slice', () => {
  const run = () =>
    analyseShadowFleet(augurs, nasaSample(), {
      plan: {
        capacityPerHost: 5,
        coldStartMinutes: 5,
        templates: [
          { name: 'analytics', stack: 'api+olap', profiles: ['analyst'] },
          { name: 'general', stack: 'api', profiles: [] },
        ],
        profileMix: Array.from({ length: 168 }, (_, h): ProfileMix => (h % 24 < 12 ? { analyst: 1 } : { browser: 1 })),
      },
    });

  test('forecasts 7 days at 15-minute steps with daily and weekly periods and plans 168 hours', () => {
    const { report, plan } = run();
    expect(report.forecast.stepMs).toBe(15 * MINUTE_MS);
    expect(report.forecast.periods).toEqual([96, 672]);
    expect(report.forecast.point).toHaveLength(672);
    expect(plan.hours).toHaveLength(168);
    expect(plan.startMs).toBe(Date.parse('1995-07-16T00:00:00-04:00'));
    expect(report.dailyPeaks.length).toBeGreaterThan(0);
    expect(report.nextPeakStartMs).toBeGreaterThan(plan.startMs);
  });

  test('standby hosts cover the upper bound beyond the base fleet, split by the profile mix', () => {
    const { report, plan } = run();
    for (const [h, hour] of plan.hours.entries()) {
      const q = report.forecast.upper.slice(h * 4, h * 4 + 4);
      const p = report.forecast.point.slice(h * 4, h * 4 + 4);
      const need = Math.max(...q.map((u, i) => Math.ceil(u / 5) - Math.ceil(p[i] / 5)));
      expect(hour.standbyHosts).toBe(Math.max(0, need));
      const owner = h % 24 < 12 ? 'analytics' : 'general';
      expect(hour.byTemplate[owner]).toBe(hour.standbyHosts);
    }
    expect(plan.totals.peakStandbyHosts).toBeGreaterThan(0);
  });

  test('forecastAt reads the step that ends at the horizon', () => {
    const { report } = run();
    expect(forecastAt(report.forecast, 60)?.point).toBe(report.forecast.point[3]);
    expect(forecastAt(report.forecast, 15)?.upper).toBe(report.forecast.upper[0]);
    expect(forecastAt(report.forecast, 8 * 24 * 60)).toBeUndefined();
  });
});
