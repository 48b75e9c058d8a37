import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { Registry } from 'prom-client';
import type { ObservedMix, RegularSeries } from '@shadowfleet/models';
import { registerTrendMetrics } from './metrics';
import { TrendRefresher } from './refresher';
import { inProcessRunner, workerRunner } from './runner';
import { parseTrendSettings } from './settings';

// Fitting MSTL takes a second or more on a busy 2-core machine; jest's 5 s default is too tight.
jest.setTimeout(60_000);

const MIN = 60_000;
/** Four days per minute from 2026-01-05 (a Monday): 20/min at night, 80/min 09:00–17:00 UTC. */
const history: RegularSeries = {
  startMs: Date.UTC(2026, 0, 5),
  stepMs: MIN,
  values: Array.from({ length: 4 * 1440 }, (_, i) => (i % 1440 >= 540 && i % 1440 < 1020 ? 80 : 20) + (i % 7)),
};
const historyEnd = history.startMs + history.values.length * MIN;
const settings = parseTrendSettings({ capacityPerHost: 10, horizonHours: 24, refreshMinutes: 60 });

describe('TrendRefresher', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sf-trend-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const make = (over: Partial<ConstructorParameters<typeof TrendRefresher>[0]> = {}) =>
    new TrendRefresher({ settings, history: async () => ({ history, source: 'test' }), runner: inProcessRunner, dataDir: dir, now: () => historyEnd, ...over });

  test('refreshes, persists atomically, and a new refresher reloads the plan at start', async () => {
    const r = make();
    expect(await r.refresh()).toBe('refreshed');
    const snap = r.latest();
    expect(snap?.analysis.plan.hours).toHaveLength(24);
    expect(snap?.source).toBe('test');
    expect(existsSync(path.join(dir, 'trend', 'latest.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'trend', 'latest.json.tmp'))).toBe(false);
    const reloaded = make({ settings: { ...settings, refreshMinutes: 0 } });
    reloaded.start();
    expect(reloaded.latest()).toEqual(JSON.parse(readFileSync(r.file, 'utf8')));
    await reloaded.stop();
  });

  test('start refreshes after the first delay; stop waits for it', async () => {
    const r = make({ firstRefreshDelayMs: 0 });
    r.start();
    expect(r.latest()).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await r.stop();
    expect(r.latest()?.analysis.plan.hours).toHaveLength(24);
  });

  test('forecasts the complexity load too when the source gives it', async () => {
    const complexity = { ...history, values: history.values.map((v) => v * 1000) };
    const r = make({ history: async () => ({ history, complexity, source: 'test' }) });
    await r.refresh();
    const c = r.latest()?.analysis.complexity;
    expect(c?.forecast.point).toHaveLength(24 * 4);
    expect(c?.forecast.stepMs).toBe(15 * MIN);
    const registry = new Registry();
    registerTrendMetrics(registry, r, () => historyEnd);
    expect(await registry.metrics()).toMatch(/shadowfleet_forecast_complexity\{horizon="1h",bound="upper"\} \d/);
  });

  test('splits standby hosts over templates by the observed profile mix of the same hour of the week', async () => {
    const HOUR = 60 * MIN;
    const daytime = (ms: number) => new Date(ms).getUTCHours() >= 9 && new Date(ms).getUTCHours() < 17;
    // One observed week of mixes, so that every hour of the plan has its hour of the week.
    const mix: ObservedMix[] = Array.from({ length: 7 * 24 }, (_, h) => {
      const startMs = history.startMs + h * HOUR;
      return { startMs, mix: daytime(startMs) ? { 'data analysts': 90, 'casual browsers': 10 } : { 'casual browsers': 100 } } as ObservedMix;
    });
    const templates = [
      { name: 'general', stack: 'web', profiles: [] },
      { name: 'analytics', stack: 'web+olap', profiles: ['data analysts'] },
    ];
    const r = make({ settings: { ...settings, capacityPerHost: 1, templates }, history: async () => ({ history, mix, source: 'test' }) });
    expect(await r.refresh()).toBe('refreshed');
    const hours = r.latest()!.analysis.plan.hours;
    const staffed = hours.filter((h) => h.standbyHosts > 0);
    expect(staffed.length).toBeGreaterThan(0);
    for (const h of staffed) {
      expect(h.byTemplate.general + h.byTemplate.analytics).toBe(h.standbyHosts);
      if (daytime(h.startMs)) expect(h.byTemplate.analytics).toBeGreaterThanOrEqual(h.byTemplate.general);
      else expect(h.byTemplate.analytics).toBe(0);
    }
    expect(staffed.some((h) => daytime(h.startMs) && h.byTemplate.analytics > 0)).toBe(true);
  });

  test('one refresh at a time', async () => {
    const r = make();
    const first = r.refresh();
    expect(await r.refresh()).toBe('busy');
    expect(await first).toBe('refreshed');
  });

  test('a failing analysis is counted and logged, and the last good plan is kept', async () => {
    const logger = memoryLogger();
    let fail = false;
    const r = make({
      runner: (h, s) => (fail ? Promise.reject(new Error('boom')) : inProcessRunner(h, s)),
      logger,
    });
    await r.refresh();
    const good = r.latest();
    fail = true;
    expect(await r.refresh()).toBe('failed');
    expect(r.failures).toBe(1);
    expect(r.latest()).toBe(good);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'error', msg: 'refresh failed', err: expect.objectContaining({ message: 'boom' }) }));
  });

  test('no history yet: nothing published, nothing persisted', async () => {
    const r = make({ history: async () => undefined });
    expect(await r.refresh()).toBe('no-history');
    expect(r.latest()).toBeUndefined();
  });

  test('a damaged file is ignored at start', () => {
    const r = make({ settings: { ...settings, refreshMinutes: 0 } });
    mkdirSync(path.dirname(r.file), { recursive: true });
    writeFileSync(r.file, '{not json');
    r.start();
    expect(r.latest()).toBeUndefined();
  });
});

describe('trend metrics', () => {
  test('publish target hosts per template, the forecast with bounds, and the next peak', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-trend-'));
    try {
      let now = historyEnd;
      const r = new TrendRefresher({ settings, history: async () => ({ history, source: 'test' }), runner: inProcessRunner, dataDir: dir, now: () => now });
      await r.refresh();
      const registry = new Registry();
      registerTrendMetrics(registry, r, () => now);
      const plan = r.latest()!.analysis.plan;
      now = plan.startMs + 3 * 60 * MIN + 5 * MIN; // inside plan hour 3
      const text = await registry.metrics();
      expect(text).toContain(`shadowfleet_shadow_fleet_target_hosts{template="general"} ${plan.hours[3].standbyHosts}`);
      const value = (h: string, b: string): number => Number(new RegExp(`shadowfleet_forecast_requests\\{horizon="${h}",bound="${b}"\\} (\\S+)`).exec(text)?.[1]);
      for (const h of ['15m', '1h', '6h']) {
        expect(value(h, 'lower')).toBeLessThanOrEqual(value(h, 'point'));
        expect(value(h, 'upper')).toBeGreaterThanOrEqual(value(h, 'point'));
      }
      expect(text).not.toContain('horizon="7d"'); // a 24-hour plan forecasts 24 hours only
      const f = r.latest()!.analysis.report.forecast;
      expect(value('1h', 'point')).toBeCloseTo(f.point[Math.floor((now + 60 * MIN - f.startMs) / f.stepMs)] / 60, 9);
      const next = r.latest()!.analysis.report.forecastPeaks.find((p) => p.startMs > now);
      expect(text).toContain(`shadowfleet_next_peak_start_timestamp_seconds ${next!.startMs / 1000}`);
      expect(text).toContain('shadowfleet_forecast_refresh_failures_total 0');
      now = plan.startMs + 25 * 60 * MIN; // past the plan: no target
      expect(await registry.metrics()).not.toContain('shadowfleet_shadow_fleet_target_hosts{');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workerRunner', () => {
  const workerFile = path.resolve(__dirname, '../../dist/trend/worker.js');

  test('runs the analysis in a worker thread while the event loop keeps running', async () => {
    expect(existsSync(workerFile)).toBe(true); // built by `tsc -b` (npm test builds first)
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    try {
      const analysis = await workerRunner(workerFile)(history, parseTrendSettings({ capacityPerHost: 10, horizonHours: 24, stepMinutes: 5 }));
      expect(analysis.plan.hours).toHaveLength(24);
      expect(analysis.report.forecast.stepMs).toBe(5 * MIN);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(5);
  });

  test('a failing analysis rejects with the worker error', async () => {
    await expect(workerRunner(workerFile)({ ...history, stepMs: 1000 }, settings)).rejects.toThrow('the history must be per minute (step 60000 ms), got 1000 ms');
  });
});
