import { Observable, lastValueFrom } from 'rxjs';
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';

/** The error shape Grafana's BackendSrv emits for a non-2xx answer (status, statusText, data). */
interface FetchErrorShape {
  status: number;
  statusText: string;
  data: unknown;
  config: BackendSrvRequest;
}

function buildUrl(req: BackendSrvRequest): string {
  const url = new URL(req.url.startsWith('/') ? req.url : `/${req.url}`, location.origin);
  for (const [k, v] of Object.entries(req.params ?? {})) {
    if (v !== undefined && v !== null) {
      url.searchParams.set(k, String(v));
    }
  }
  return url.toString();
}

function doFetch<T>(req: BackendSrvRequest): Observable<FetchResponse<T>> {
  return new Observable((subscriber) => {
    const controller = new AbortController();
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    let body: string | undefined;
    if (req.data !== undefined) {
      body = typeof req.data === 'string' ? req.data : JSON.stringify(req.data);
      headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
    }
    fetch(buildUrl(req), { method: req.method ?? 'GET', headers, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        try {
          data = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        if (!res.ok) {
          const err: FetchErrorShape = { status: res.status, statusText: res.statusText, data, config: req };
          subscriber.error(err);
          return;
        }
        subscriber.next({
          data: data as T,
          status: res.status,
          statusText: res.statusText,
          ok: res.ok,
          headers: res.headers,
          redirected: res.redirected,
          type: res.type,
          url: res.url,
          config: req,
        });
        subscriber.complete();
      })
      .catch((e) => subscriber.error(e));
    return () => controller.abort();
  });
}

/** A BackendSrv over window.fetch: the subset of Grafana's that plugins use (fetch, get, post, put, delete). */
export function createBackendSrv(): BackendSrv {
  const once = <T,>(req: BackendSrvRequest) => lastValueFrom(doFetch<T>(req)).then((r) => r.data);
  const srv = {
    fetch: doFetch,
    request: once,
    datasourceRequest: (req: BackendSrvRequest) => lastValueFrom(doFetch(req)),
    get: (url: string, params?: Record<string, unknown>) => once({ url, params }),
    delete: (url: string, data?: unknown) => once({ url, method: 'DELETE', data }),
    post: (url: string, data?: unknown) => once({ url, method: 'POST', data }),
    patch: (url: string, data?: unknown) => once({ url, method: 'PATCH', data }),
    put: (url: string, data?: unknown) => once({ url, method: 'PUT', data }),
    resolveCancelerIfExists: () => undefined,
  };
  return srv as unknown as BackendSrv;
}
