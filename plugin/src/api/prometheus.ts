import { lastValueFrom } from 'rxjs';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import type { Fetched } from './exporter';

/** One series of a Prometheus instant-vector or range-matrix answer (HTTP API v1). */
export interface PromSeries {
  metric: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

interface PromAnswer<T> {
  status: 'success' | 'error';
  data?: T;
  error?: string;
}

/**
 * One GET to Prometheus' HTTP API through Grafana's datasource proxy
 * (/api/datasources/proxy/uid/:uid/api/v1/…), so credentials stay in the datasource settings.
 */
async function promApi<T>(uid: string, path: string, params: Record<string, string | number>): Promise<Fetched<T>> {
  try {
    const res = await lastValueFrom(
      getBackendSrv().fetch<PromAnswer<T>>({
        url: `api/datasources/proxy/uid/${encodeURIComponent(uid)}/api/v1/${path}`,
        params,
        showErrorAlert: false,
      })
    );
    if (res.data.status !== 'success' || !res.data.data) {
      return { kind: 'error', message: `Prometheus: ${res.data.error ?? 'no data'}` };
    }
    return { kind: 'ok', data: res.data.data };
  } catch (err) {
    const status = isFetchError(err) ? err.status : undefined;
    const body = isFetchError<{ error?: string; message?: string }>(err) ? err.data : undefined;
    const detail = body?.error ?? body?.message ?? (err instanceof Error ? err.message : 'no answer');
    return { kind: 'error', status, message: `Prometheus datasource "${uid}": ${detail}` };
  }
}

/** A query's series (instant vector or range matrix). */
async function promGet(uid: string, path: string, params: Record<string, string | number>): Promise<Fetched<PromSeries[]>> {
  const answer = await promApi<{ resultType: string; result: PromSeries[] }>(uid, path, params);
  return answer.kind === 'ok' ? { kind: 'ok', data: answer.data.result } : answer;
}

/** Prometheus' default scrape interval, as Grafana assumes it when the data source sets none. */
export const SCRAPE_SECONDS = 15;

/**
 * Grafana's `$__rate_interval`: max(step + scrape interval, 4 × scrape interval), so a rate() always
 * spans at least four scrapes and never skips samples between steps. Instant queries use 4 × scrape.
 */
export function withRateInterval(expr: string, stepSeconds = 0, scrapeSeconds = SCRAPE_SECONDS): string {
  const seconds = Math.max(stepSeconds + scrapeSeconds, 4 * scrapeSeconds);
  return expr.split('$__rate_interval').join(`${seconds}s`);
}

/** Dashboard variables as Grafana substitutes them in a query: `$name` (e.g. `$horizon`, `$pool`). */
export type QueryVars = Record<string, string>;

/** `$name` → its value where `vars` has one (Grafana's `$__…` globals are never page variables). */
export function interpolateVars(expr: string, vars: QueryVars = {}): string {
  return expr.replace(/\$(\w+)/g, (m, name: string) => (name.startsWith('__') ? m : vars[name] ?? m));
}

/**
 * The expression as Grafana would send it: `$__rate_interval`, `$__range` (the dashboard range, in
 * seconds, as Grafana writes it: "86400s") and the given variables; a `$name` left unset is refused, as
 * Prometheus would refuse the raw text.
 */
export function interpolate(expr: string, opts: { stepSeconds?: number; rangeSeconds?: number; vars?: QueryVars } = {}): string {
  let out = withRateInterval(expr, opts.stepSeconds);
  if (opts.rangeSeconds !== undefined) {
    out = out.split('$__range').join(`${Math.max(1, Math.round(opts.rangeSeconds))}s`);
  }
  out = interpolateVars(out, opts.vars);
  const left = /\$\w+/.exec(out);
  if (left) {
    throw new Error(`query variable ${left[0]} has no value in: ${expr}`);
  }
  return out;
}

/** A time range in epoch milliseconds. */
export interface Range {
  fromMs: number;
  toMs: number;
}

/** Interpolates, or answers with the error (a query that cannot be written is not sent). */
function run(uid: string, path: string, expr: string, opts: Parameters<typeof interpolate>[1], params: Record<string, string | number>): Promise<Fetched<PromSeries[]>> {
  let query: string;
  try {
    query = interpolate(expr, opts);
  } catch (err) {
    return Promise.resolve({ kind: 'error', message: (err as Error).message });
  }
  return promGet(uid, path, { query, ...params });
}

/** The current value of `expr` at `atMs` (default: now), with `$__range` = `rangeSeconds`. */
export function promInstant(uid: string, expr: string, opts: { atMs?: number; rangeSeconds?: number; vars?: QueryVars } = {}): Promise<Fetched<PromSeries[]>> {
  return run(uid, 'query', expr, opts, opts.atMs === undefined ? {} : { time: Math.floor(opts.atMs / 1000) });
}

/** A range query over `range` with about 120 points. */
export function promRange(uid: string, expr: string, range: Range, vars?: QueryVars): Promise<Fetched<PromSeries[]>> {
  const start = Math.floor(range.fromMs / 1000);
  const end = Math.floor(range.toMs / 1000);
  const step = Math.max(1, Math.round((end - start) / 120));
  return run(uid, 'query_range', expr, { stepSeconds: step, rangeSeconds: end - start, vars }, { start, end, step });
}

/**
 * The values of `label` on series matching `match` over `range` (`GET /api/v1/label/<label>/values`), as
 * Grafana's `label_values(match, label)` variable query asks Prometheus.
 */
export async function promLabelValues(uid: string, label: string, match: string, range: Range): Promise<Fetched<string[]>> {
  const answer = await promApi<unknown>(uid, `label/${encodeURIComponent(label)}/values`, { 'match[]': match, start: Math.floor(range.fromMs / 1000), end: Math.floor(range.toMs / 1000) });
  if (answer.kind === 'ok' && !(Array.isArray(answer.data) && answer.data.every((v) => typeof v === 'string'))) {
    return { kind: 'error', message: `Prometheus datasource "${uid}": label values of ${label} are not a list of strings` };
  }
  return answer as Fetched<string[]>;
}

/** The number in an instant sample ("NaN" and "+Inf" as Prometheus writes them). */
export const sampleValue = (s: PromSeries): number => Number(s.value?.[1] ?? NaN);
