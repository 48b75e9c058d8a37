/**
 * /api/plugin-proxy/:pluginId/<path> as Grafana serves it (pkg/api/pluginproxy/pluginproxy.go):
 *  1. routes are tried in plugin.json order; a route whose `method` is set (and not "*") must equal
 *     the request method; its `path` must match by tree rules (routeMatch.ts);
 *  2. the FIRST route that matches decides: no access → 403 "plugin proxy route access denied"
 *     (later routes are not tried); no route → 404 "plugin route match not found";
 *  3. the target is the templated route `url` joined with only the `*` part of the path, plus the
 *     request's query string;
 *  4. Cookie / Set-Cookie are removed, X-Grafana-Context is set, X-Grafana-User is removed and, when
 *     `[dataproxy] send_user_header` is on and the user is not anonymous, set to the user's login;
 *     then the route's templated headers are set (overriding any the browser sent).
 */
import type http from 'node:http';
import { canUseRoute, type FakeUser, type PluginRole } from './access';
import { forward, jsonError, passedHeaders } from './forward';
import { matchRoutePath } from './routeMatch';
import { interpolate, joinUrlFragments, type TemplateData } from './template';

export interface PluginRoute {
  path: string;
  method?: string;
  url?: string;
  reqRole?: string;
  reqAction?: string;
  headers?: Array<{ name: string; content: string }>;
}

export interface PluginProxyContext {
  routes: PluginRoute[];
  roles: PluginRole[];
  user: FakeUser;
  settings: TemplateData;
  sendUserHeader: boolean;
  /** Every forwarded request, in order, with the headers Grafana added. */
  proxied: Array<{ method: string; target: string; headers: Record<string, string> }>;
}

export type RouteDecision =
  | { kind: 'forward'; route: PluginRoute; rest: string }
  | { kind: 'denied' }
  | { kind: 'not-found' };

/** Steps 1–2: which route serves `method proxyPath`, or why none does. */
export function decideRoute(ctx: Pick<PluginProxyContext, 'routes' | 'roles' | 'user'>, method: string, proxyPath: string): RouteDecision {
  for (const route of ctx.routes) {
    if (route.method && route.method !== '*' && route.method !== method) {
      continue;
    }
    const m = matchRoutePath(route.path, proxyPath);
    if (!m) {
      continue;
    }
    return canUseRoute(ctx.user, route, ctx.roles) ? { kind: 'forward', route, rest: m.rest } : { kind: 'denied' };
  }
  return { kind: 'not-found' };
}

export async function handlePluginProxy(ctx: PluginProxyContext, req: http.IncomingMessage, res: http.ServerResponse, proxyPath: string, search: string): Promise<void> {
  const method = req.method ?? 'GET';
  const decision = decideRoute(ctx, method, proxyPath);
  if (decision.kind === 'denied') {
    return jsonError(res, 403, 'plugin proxy route access denied');
  }
  if (decision.kind === 'not-found') {
    return jsonError(res, 404, 'plugin route match not found');
  }
  const { route, rest } = decision;
  let target: URL;
  let routeHeaders: Record<string, string>;
  try {
    target = new URL(interpolate(route.url ?? '', ctx.settings));
    routeHeaders = Object.fromEntries((route.headers ?? []).map((h) => [h.name.toLowerCase(), interpolate(h.content, ctx.settings)]));
  } catch (err) {
    // Grafana: url.Parse fails → 500 "Could not parse url"; a template error → 500 as well.
    return jsonError(res, 500, `Could not parse url: ${(err as Error).message}`);
  }
  target.pathname = joinUrlFragments(target.pathname, rest);
  target.search = search;
  const headers = passedHeaders(req);
  delete headers['x-grafana-user'];
  headers['x-grafana-context'] = JSON.stringify({ login: ctx.user.login, orgRole: ctx.user.role, orgId: 1 });
  if (ctx.sendUserHeader) {
    headers['x-grafana-user'] = ctx.user.login;
  }
  Object.assign(headers, routeHeaders);
  ctx.proxied.push({ method, target: target.toString(), headers });
  return forward(req, res, target.toString(), headers);
}
