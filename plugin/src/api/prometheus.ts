import { lastValueFrom } from 'rxjs';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import type { Fetched } from './exporter';

/** One series of a Prometheus instant-vector or range-matrix answer (HTTP API v1). */
export interface PromSeries {
  metric: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

interface PromAnswer {
  status: 'success' | 'error';
  data?: { resultType: 'vector' | 'matrix' | 'scalar' | 'string'; result: PromSeries[] };
  error?: string;
}

/**
 * Queries the Prometheus datasource through Grafana's datasource proxy
 * (/api/datasources/proxy/uid/:uid/api/v1/…), so credentials stay in the datasource settings.
 */
async function promGet(uid: string, path: string, params: Record<string, string | number>): Promise<Fetched<PromSeries[]>> {
  try {
    const res = await lastValueFrom(
      getBackendSrv().fetch<PromAnswer>({
        url: `api/datasources/proxy/uid/${encodeURIComponent(uid)}/api/v1/${path}`,
        params,
        showErrorAlert: false,
      })
    );
    if (res.data.status !== 'success' || !res.data.data) {
      return { kind: 'error', message: `Prometheus: ${res.data.error ?? 'no data'}` };
    }
    return { kind: 'ok', data: res.data.data.result };
  } catch (err) {
    const status = isFetchError(err) ? err.status : undefined;
    const body = isFetchError<{ error?: string; message?: string }>(err) ? err.data : undefined;
    const detail = body?.error ?? body?.message ?? (err instanceof Error ? err.message : 'no answer');
    return { kind: 'error', status, message: `Prometheus datasource "${uid}": ${detail}` };
  }
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
  out = out.replace(/\$(\w+)/g, (m, name: string) => opts.vars?.[name] ?? m);
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

/** The number in an instant sample ("NaN" and "+Inf" as Prometheus writes them). */
export const sampleValue = (s: PromSeries): number => Number(s.value?.[1] ?? NaN);
