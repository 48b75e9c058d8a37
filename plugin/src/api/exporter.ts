import { lastValueFrom } from 'rxjs';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { EXPORTER_PROXY } from '../constants';

/**
 * What one call to the exporter gave: the data, "this exporter does not offer that endpoint (yet)"
 * (404 without an API error body, or 501), or an error with the exporter's own message.
 */
export type Fetched<T> =
  | { kind: 'ok'; data: T }
  | { kind: 'unavailable'; status: number; message: string }
  | { kind: 'error'; status?: number; message: string; fields?: FieldError[] };

/** A validation problem the exporter names by field (PUT /v1/policy answers 400 with these). */
export interface FieldError {
  field: string;
  message: string;
}

interface ApiErrorBody {
  error?: string;
  message?: string;
  issues?: FieldError[];
}

function describe(status: number | undefined, body: ApiErrorBody | string | undefined): string {
  if (body && typeof body === 'object' && body.message) {
    return body.message;
  }
  if (status === 502) {
    return 'Grafana could not reach the exporter: check the exporter URL on the configuration page';
  }
  if (status === 401) {
    return 'the exporter refused the token: set the exporter token on the configuration page';
  }
  return `the exporter answered ${status ?? 'nothing'}${typeof body === 'string' && body ? `: ${body.slice(0, 200)}` : ''}`;
}

/** Sends one request to the exporter through the plugin proxy route and classifies the answer. */
export async function callExporter<T>(path: string, init: { method?: 'GET' | 'PUT' | 'POST'; data?: unknown } = {}): Promise<Fetched<T>> {
  try {
    const res = await lastValueFrom(
      getBackendSrv().fetch<T>({
        url: `${EXPORTER_PROXY}${path}`,
        method: init.method ?? 'GET',
        data: init.data,
        showErrorAlert: false,
        showSuccessAlert: false,
      })
    );
    return { kind: 'ok', data: res.data };
  } catch (err) {
    if (!isFetchError(err)) {
      return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
    }
    const body = err.data as ApiErrorBody | string | undefined;
    if (err.status === 404 && typeof body === 'object' && body?.message === 'plugin route match not found') {
      // Grafana's own answer: plugin.json declares no proxy route for this path and method.
      return { kind: 'error', status: 404, message: `Grafana has no plugin proxy route for ${init.method ?? 'GET'} ${path}: the installed plugin.json does not declare it (restart Grafana after upgrading the plugin)` };
    }
    if (err.status === 403 && typeof body === 'object' && body?.message === 'plugin proxy route access denied') {
      return { kind: 'error', status: 403, message: `your Grafana role may not ${init.method ?? 'GET'} ${path}` };
    }
    const apiError = typeof body === 'object' && body !== null && typeof body.error === 'string';
    if (err.status === 501 || (err.status === 404 && !apiError)) {
      return { kind: 'unavailable', status: err.status, message: `${path} is not offered by this exporter` };
    }
    const fields = typeof body === 'object' && body !== null ? body.issues : undefined;
    return { kind: 'error', status: err.status, message: describe(err.status, body), fields };
  }
}
