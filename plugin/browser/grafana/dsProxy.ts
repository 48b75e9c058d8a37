/**
 * /api/datasources/proxy/uid/:uid/<path> for a Prometheus data source with no routes, as Grafana's
 * pkg/api/pluginproxy/ds_proxy.go serves it: an unknown uid is 404; DELETE, PUT and POST are refused
 * with 403 ("non allow-listed … not allowed on proxied Prometheus datasource"); anything else goes to
 * the data source URL joined with the path, with the query string, without Cookie / Set-Cookie.
 */
import type http from 'node:http';
import { forward, jsonError, passedHeaders } from './forward';
import { joinUrlFragments } from './template';

export async function handleDatasourceProxy(datasources: Record<string, string>, req: http.IncomingMessage, res: http.ServerResponse, uid: string, proxyPath: string, search: string): Promise<void> {
  const base = datasources[uid];
  if (!base) {
    return jsonError(res, 404, 'Unable to load datasource meta data');
  }
  const method = req.method ?? 'GET';
  if (method === 'DELETE' || method === 'PUT' || method === 'POST') {
    return jsonError(res, 403, `non allow-listed ${method}s not allowed on proxied Prometheus datasource`);
  }
  const target = new URL(base);
  target.pathname = joinUrlFragments(target.pathname, proxyPath);
  target.search = search;
  const headers = passedHeaders(req);
  delete headers['authorization'];
  return forward(req, res, target.toString(), headers);
}
