/**
 * Grafana's plugin proxy matches a route's `path` against the request path with its web router's
 * tree (pkg/web/tree.go, one tree per route): segments are compared one by one; a static segment
 * matches only itself; `:name` matches one whole segment; a final `*` matches one or more trailing
 * segments and is the only part of the request path that Grafana appends to the route's `url`.
 * A route without `*` therefore matches exactly its own path and forwards to the bare `url`.
 * Leading and trailing slashes are ignored on both sides; segments are percent-decoded first.
 * Regexp segments (`:id([0-9]+)`, `:int`, `*.*`) are not implemented here and are refused loudly,
 * so that a route the fake cannot judge never matches more than Grafana would.
 */
export interface RouteMatch {
  /** What Grafana appends to the route url: the `*` part, or '' when the route has no `*`. */
  rest: string;
  params: Record<string, string>;
}

const trim = (s: string) => s.replace(/^\/+/, '').replace(/\/+$/, '');

function checkPattern(segment: string): void {
  if (segment.includes('(') || segment === '*.*' || /:(int|string)\b/.test(segment) || segment.startsWith('?')) {
    throw new Error(`fake Grafana does not implement the route segment "${segment}"`);
  }
  if (segment.includes('*') && segment !== '*') {
    throw new Error(`fake Grafana does not implement the route segment "${segment}"`);
  }
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function segmentMatches(pattern: string, value: string, params: Record<string, string>): boolean {
  if (pattern === '*') {
    return true;
  }
  if (pattern.startsWith(':')) {
    params[pattern] = value;
    return true;
  }
  return pattern === value;
}

/** Does `routePath` (from plugin.json) match `requestPath` (what follows /api/plugin-proxy/:id/)? */
export function matchRoutePath(routePath: string, requestPath: string): RouteMatch | undefined {
  const pattern = trim(routePath).split('/');
  pattern.forEach(checkPattern);
  if (pattern.slice(0, -1).includes('*')) {
    throw new Error(`fake Grafana does not implement "*" before the last segment ("${routePath}")`);
  }
  const raw = trim(requestPath);
  const segments = raw === '' ? [''] : raw.split('/');
  const decoded = segments.map(decode);
  if (decoded.some((s) => s === undefined)) {
    return undefined;
  }
  const values = decoded as string[];
  const params: Record<string, string> = {};
  const last = pattern.length - 1;
  for (let i = 0; i < pattern.length; i++) {
    if (i === last && pattern[i] === '*') {
      // The final `*` takes every remaining segment (at least one, possibly empty only when
      // nothing precedes it), slashes included.
      if (values.length <= i) {
        return undefined;
      }
      const rest = values.slice(i).join('/');
      params['*'] = rest;
      return { rest, params };
    }
    if (values.length <= i || !segmentMatches(pattern[i]!, values[i]!, params)) {
      return undefined;
    }
  }
  return values.length === pattern.length ? { rest: '', params } : undefined;
}
