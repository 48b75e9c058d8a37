import { Observable } from 'rxjs';
import { setBackendSrv, type BackendSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';

/** What the fake Grafana backend answers to one request: a status and a body. */
export interface FakeAnswer {
  status: number;
  data: unknown;
}

/**
 * Installs a BackendSrv whose `fetch` answers from `handler` the way Grafana's does: a FetchResponse
 * for 2xx, and an error `{ status, data }` (FetchError) otherwise. Returns the requests it saw.
 */
export function installFakeBackend(handler: (req: BackendSrvRequest) => FakeAnswer): BackendSrvRequest[] {
  const seen: BackendSrvRequest[] = [];
  const fetch = <T>(req: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable((sub) => {
      seen.push(req);
      const a = handler(req);
      if (a.status >= 200 && a.status < 300) {
        sub.next({ data: a.data as T, status: a.status, statusText: 'OK', ok: true, headers: new Headers(), redirected: false, type: 'basic', url: req.url, config: req });
        sub.complete();
      } else {
        sub.error({ status: a.status, statusText: '', data: a.data, config: req });
      }
    });
  // Only `fetch` is used by the app; the rest of BackendSrv is not needed by these tests.
  setBackendSrv({ fetch } as Pick<BackendSrv, 'fetch'> as BackendSrv);
  return seen;
}
