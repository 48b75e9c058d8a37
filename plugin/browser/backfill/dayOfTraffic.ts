/**
 * A day of replayed traffic for Prometheus, so the browser test's charts have lines: the NASA-HTTP
 * trace's second day (requests per minute, data/samples/nasa-http-rate) replayed over the 24 hours
 * before now, and what Shadowfleet would export and the webhook would report while serving it:
 *  - shadowfleet_events_ingested_total (counter: the requests themselves);
 *  - shadowfleet_forecast_requests{horizon, bound} for 15m, 1h and 6h — a seasonal-naive forecast
 *    (the same minute of the trace's first day) with the models' seasonal-naive interval at 90 %;
 *  - shadowfleet_desired_hosts{pool, tier}: tier 1
 *    (reactive) from the actual rate, tier 2 (predictive) from the forecast's upper bound, tier 3
 *    (shadow) from the highest upper bound of the next hour; shadowfleet_desired_standby_hosts;
 *  - shadowfleet_webhook_pool_units{state} (serving follows the desired serving hosts up at once and
 *    down after a 15-minute cooldown; standby follows the desired standby) and
 *    shadowfleet_webhook_actions_total (one activation / deactivation per change);
 *  - shadowfleet_decision_forecast_per_second{pool, kind} and shadowfleet_pool_load_per_second{pool}, in
 *    the pool model's unit (KiB) at KIB_PER_REQUEST: the quantile from the 15-minute upper bound, the point
 *    from the 15-minute point, the load from the actual rate (no behaviour-aware forecast in the replay).
 * The host numbers follow these stated rules, NOT the exporter's resource manager (see docs/grafana-app.md).
 * Samples every 15 s (a scrape interval), so rate() over `$__rate_interval` works as on live data.
 * Output is OpenMetrics for `promtool tsdb create-blocks-from openmetrics`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { seasonalNaiveBand } from '@shadowfleet/models/dist/trend/forecast';

export const TRACE = path.resolve(__dirname, '..', '..', '..', 'data', 'samples', 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');
const DAY = 1440;
/** Requests per second one host serves in this replay. */
export const HOST_RPS = 0.25;
const POOL = 'web';
/** Complexity (KiB) of one replayed request, for the per-pool load and forecast. */
export const KIB_PER_REQUEST = 20;
const COOLDOWN_MIN = 15;
/** Forecast horizons replayed, in minutes (the exporter also publishes 1d and 7d). */
const HORIZONS: Record<string, number> = { '15m': 15, '1h': 60, '6h': 360 };
/** Samples per minute: one per 15-second scrape. */
const PER_MINUTE = 4;

/** The trace's `requests` column (header `minute_start,requests,status`), read by csv-parse. */
export function readTrace(file = TRACE): number[] {
  const rows = parse(gunzipSync(readFileSync(file)), { columns: true, skip_empty_lines: true, cast: false }) as Array<{ requests: string }>;
  return rows.map((r) => {
    const n = Number(r.requests);
    if (!Number.isFinite(n)) {
      throw new Error(`${file}: requests must be a number, got ${JSON.stringify(r.requests)}`);
    }
    return n;
  });
}

type Series = { labels: Record<string, string>; points: Array<[number, number]> };

class Family {
  readonly series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly type: 'gauge' | 'counter',
    readonly help: string
  ) {}
  /** One value for the minute starting at `t`: a sample per scrape, or for a counter `v` reached linearly from `from`. */
  add(labels: Record<string, string>, t: number, v: number, from = v): void {
    const key = JSON.stringify(labels);
    const s = this.series.get(key) ?? { labels, points: [] };
    for (let k = 1; k <= PER_MINUTE; k++) {
      s.points.push([t + (k - 1) * (60 / PER_MINUTE), from + ((v - from) * k) / PER_MINUTE]);
    }
    this.series.set(key, s);
  }
  text(): string {
    const sample = this.type === 'counter' ? `${this.name}_total` : this.name;
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const s of this.series.values()) {
      const l = Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(',');
      lines.push(...s.points.map(([t, v]) => `${sample}{${l}} ${v} ${t}`));
    }
    return lines.join('\n');
  }
}

/** OpenMetrics text for the day ending at `endSeconds` (the model per minute, a sample per 15 s). */
export function dayOfTraffic(endSeconds: number, trace = readTrace()): string {
  const history = trace.slice(0, DAY);
  const today = trace.slice(DAY, 2 * DAY);
  const band = seasonalNaiveBand(trace.slice(0, 2 * DAY), DAY, 0.9)!;
  const start = Math.floor(endSeconds / 60) * 60 - DAY * 60;
  const job = { job: 'shadowfleet-replay', instance: 'backfill' };
  const ingested = new Family('shadowfleet_events_ingested', 'counter', 'Events accepted (replayed NASA-HTTP day)');
  const forecast = new Family('shadowfleet_forecast_requests', 'gauge', 'Seasonal-naive forecast, requests per second');
  const desired = new Family('shadowfleet_desired_hosts', 'gauge', 'Serving hosts each tier wants');
  const standbyWanted = new Family('shadowfleet_desired_standby_hosts', 'gauge', 'Standby hosts wanted');
  const units = new Family('shadowfleet_webhook_pool_units', 'gauge', 'Hosts per pool and state');
  const actions = new Family('shadowfleet_webhook_actions', 'counter', 'Scaling actions by outcome');
  const sizedFor = new Family('shadowfleet_decision_forecast_per_second', 'gauge', 'The load tier 2 sized for, KiB per second');
  const poolLoad = new Family('shadowfleet_pool_load_per_second', 'gauge', 'The pool load observed, KiB per second');
  // Forecast made at minute i for minute i + h: that minute of the previous day.
  const pointAt = (i: number, h: number) => history[(i + h) % DAY]! / 60;
  const point = (i: number) => pointAt(i, 15);
  const upper = (i: number) => point(i) + band.above / 60;
  const hosts = (rps: number) => Math.max(1, Math.ceil(rps / HOST_RPS));
  let total = 0;
  let serving = 0;
  let lastRaise = -Infinity;
  let standby = 0;
  const done = { activate: 0, deactivate: 0 };
  for (let i = 0; i < DAY; i++) {
    const t = start + i * 60;
    ingested.add(job, t, total + today[i]!, total);
    total += today[i]!;
    for (const [horizon, h] of Object.entries(HORIZONS)) {
      const p = pointAt(i, h);
      forecast.add({ ...job, horizon, bound: 'point' }, t, p);
      forecast.add({ ...job, horizon, bound: 'lower' }, t, Math.max(0, p - band.below / 60));
      forecast.add({ ...job, horizon, bound: 'upper' }, t, p + band.above / 60);
    }
    let ahead = 0;
    for (let k = i; k < Math.min(DAY, i + 60); k++) ahead = Math.max(ahead, upper(k));
    const tiers: Record<string, number> = { '1': hosts(today[i]! / 60), '2': hosts(upper(i)), '3': hosts(ahead) };
    for (const [tier, n] of Object.entries(tiers)) {
      desired.add({ ...job, pool: POOL, tier }, t, n);
    }
    sizedFor.add({ ...job, pool: POOL, kind: 'quantile' }, t, upper(i) * KIB_PER_REQUEST);
    sizedFor.add({ ...job, pool: POOL, kind: 'point' }, t, point(i) * KIB_PER_REQUEST);
    poolLoad.add({ ...job, pool: POOL }, t, (today[i]! / 60) * KIB_PER_REQUEST);
    const want = Math.max(tiers['1']!, tiers['2']!);
    const wantStandby = Math.max(0, tiers['3']! - want);
    standbyWanted.add({ ...job, pool: POOL }, t, wantStandby);
    if (want > serving) {
      done.activate += want - serving;
      serving = want;
      lastRaise = i;
    } else if (want < serving && i - lastRaise >= COOLDOWN_MIN) {
      done.deactivate += serving - want;
      serving = want;
    }
    standby = wantStandby;
    units.add({ ...job, pool: POOL, driver: 'haproxy', state: 'active' }, t, serving);
    units.add({ ...job, pool: POOL, driver: 'haproxy', state: 'standby' }, t, standby);
    actions.add({ ...job, pool: POOL, action: 'activate', outcome: 'ok' }, t, done.activate);
    actions.add({ ...job, pool: POOL, action: 'deactivate', outcome: 'ok' }, t, done.deactivate);
  }
  return [ingested, forecast, desired, standbyWanted, units, actions, sizedFor, poolLoad].map((f) => f.text()).join('\n') + '\n# EOF\n';
}
