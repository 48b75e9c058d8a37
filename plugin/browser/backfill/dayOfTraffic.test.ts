import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { dayOfTraffic, KIB_PER_REQUEST, readTrace } from './dayOfTraffic';
import { backfillOpenMetrics } from './promtoolBackfill';

const samples = (om: string, name: string, match: string) =>
  om
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) && l.includes(match))
    .map((l) => Number(l.split(' ')[1]));

describe('the trace, read by csv-parse', () => {
  it('gives the requests column of every minute (three days), quoted fields and all', () => {
    const trace = readTrace();
    expect(trace).toHaveLength(3 * 1440);
    expect(trace.slice(0, 2)).toEqual([42, 61]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-trace-'));
    try {
      const file = path.join(dir, 't.csv.gz');
      writeFileSync(file, gzipSync('minute_start,requests,status\n"1995-07-01T00:00:00-04:00",7,"ok, quoted"\n'));
      expect(readTrace(file)).toEqual([7]);
      writeFileSync(file, gzipSync('minute_start,requests,status\n1995-07-01T00:00:00-04:00,many,ok\n'));
      expect(() => readTrace(file)).toThrow('requests must be a number, got "many"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a day of replayed traffic', () => {
  const end = 1_800_000_000;
  const om = dayOfTraffic(end);

  it('replays the trace’s second day minute by minute, a sample per 15 s, ending before `end`', () => {
    const counter = samples(om, 'shadowfleet_events_ingested_total', '');
    expect(counter).toHaveLength(4 * 1440);
    expect(counter.every((c, i) => i === 0 || c >= counter[i - 1]!)).toBe(true);
    expect(counter.at(-1)).toBe(readTrace().slice(1440, 2880).reduce((a, b) => a + b, 0));
    const last = om.split('\n').filter((l) => l.startsWith('shadowfleet_')).map((l) => Number(l.split(' ')[2]));
    expect(Math.max(...last)).toBeLessThan(end);
  });

  it('keeps the stated rules: serving ≥ reactive tier, standby = shadow − serving wanted, interval around the point', () => {
    const serving = samples(om, 'shadowfleet_webhook_pool_units', 'state="active"');
    const reactive = samples(om, 'shadowfleet_desired_hosts', 'tier="1"');
    expect(serving.every((s, i) => s >= reactive[i]!)).toBe(true);
    for (const horizon of ['15m', '1h', '6h']) {
      const [lower, point, upper] = ['lower', 'point', 'upper'].map((b) => samples(om, 'shadowfleet_forecast_requests', `horizon="${horizon}",bound="${b}"`));
      expect(point!.length).toBe(4 * 1440);
      expect(point!.every((p, i) => lower![i]! <= p && p <= upper![i]!)).toBe(true);
    }
  });

  it('sizes the pool for the 15-minute upper bound and sees the actual rate, in KiB per second', () => {
    const [quantile, point] = ['quantile', 'point'].map((k) => samples(om, 'shadowfleet_decision_forecast_per_second', `kind="${k}"`));
    const upper = samples(om, 'shadowfleet_forecast_requests', 'horizon="15m",bound="upper"');
    expect(quantile).toEqual(upper.map((u) => u * KIB_PER_REQUEST));
    expect(point!.every((p, i) => p <= quantile![i]!)).toBe(true);
    const load = samples(om, 'shadowfleet_pool_load_per_second', 'pool="web"');
    expect(load[0]).toBeCloseTo((readTrace()[1440]! / 60) * KIB_PER_REQUEST, 9);
  });

  it('is accepted by promtool, which writes TSDB blocks', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-tsdb-'));
    try {
      backfillOpenMetrics(om, dir);
      expect(readdirSync(dir).filter((f) => /^[0-9A-Z]{26}$/.test(f)).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
