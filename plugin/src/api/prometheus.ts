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

export function promInstant(uid: string, expr: string): Promise<Fetched<PromSeries[]>> {
  return promGet(uid, 'query', { query: withRateInterval(expr) });
}

/** A range query over the last `seconds` with about 120 points. */
export function promRange(uid: string, expr: string, seconds: number, nowMs = Date.now()): Promise<Fetched<PromSeries[]>> {
  const end = Math.floor(nowMs / 1000);
  const step = Math.max(1, Math.round(seconds / 120));
  return promGet(uid, 'query_range', { query: withRateInterval(expr, step), start: end - seconds, end, step });
}

/** The number in an instant sample ("NaN" and "+Inf" as Prometheus writes them). */
export const sampleValue = (s: PromSeries): number => Number(s.value?.[1] ?? NaN);
