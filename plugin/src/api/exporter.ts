import { lastValueFrom } from 'rxjs';
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import { EXPORTER_PROXY, WEBHOOK_PROXY } from '../constants';

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

/** A service the app reaches through its plugin proxy routes, and the settings that name it. */
interface Service {
  proxy: string;
  name: string;
  url: string;
  token: string;
}
const EXPORTER: Service = { proxy: EXPORTER_PROXY, name: 'the exporter', url: 'the exporter URL', token: 'the exporter token' };
const WEBHOOK: Service = { proxy: WEBHOOK_PROXY, name: 'the webhook', url: 'the webhook URL', token: 'the webhook read token' };

function describe(service: Service, status: number | undefined, body: ApiErrorBody | string | undefined): string {
  if (body && typeof body === 'object' && body.message) {
    return body.message;
  }
  if (status === 502) {
    return `Grafana could not reach ${service.name}: check ${service.url} on the configuration page`;
  }
  if (status === 401) {
    return `${service.name} refused the token: set ${service.token} on the configuration page`;
  }
  return `${service.name} answered ${status ?? 'nothing'}${typeof body === 'string' && body ? `: ${body.slice(0, 200)}` : ''}`;
}

type Init = { method?: 'GET' | 'PUT' | 'POST'; data?: unknown };

/** Sends one request to the exporter through the plugin proxy route and classifies the answer. */
export function callExporter<T>(path: string, init: Init = {}): Promise<Fetched<T>> {
  return callService(EXPORTER, path, init);
}

/** Reads from the Alertmanager webhook through its plugin proxy route (`webhook/v1/intents`, read token). */
export function callWebhook<T>(path: string): Promise<Fetched<T>> {
  return callService(WEBHOOK, path, {});
}

async function callService<T>(service: Service, path: string, init: Init): Promise<Fetched<T>> {
  try {
    const res = await lastValueFrom(
      getBackendSrv().fetch<T>({
        url: `${service.proxy}${path}`,
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
      return { kind: 'unavailable', status: err.status, message: `${path} is not offered by ${service.name}` };
    }
    const fields = typeof body === 'object' && body !== null ? body.issues : undefined;
    return { kind: 'error', status: err.status, message: describe(service, err.status, body), fields };
  }
}
