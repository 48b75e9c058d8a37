/**
 * Plays the part of the Grafana server for the browser test (no Grafana server can run here). Where
 * the plugin touches Grafana's HTTP API it follows Grafana's own rules, never looser ones:
 *  - GET/POST /api/plugins/:id/settings (jsonData kept, secureJsonData stored server-side and only
 *    reported back as secureJsonFields; only an Admin may write, as in Grafana);
 *  - /api/plugin-proxy/:id/… by the routes of the BUILT plugin.json (grafana/pluginProxy.ts: tree
 *    route matching, method match, reqRole / reqAction, templated url and headers, 403 / 404 answers,
 *    X-Grafana-User when send_user_header is on);
 *  - /api/datasources/proxy/uid/:uid/… to a Prometheus data source (grafana/dsProxy.ts);
 *  - GET /api/datasources, the org's data sources, for Admins only (grafana/datasourcesApi.ts);
 * and serves the host page, the host bundle and the built plugin under /public/plugins/:id/.
 * docs/grafana-app.md lists what it does not verify.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { hasRole, permissionsOf, type FakeUser, type PluginRole } from './grafana/access';
import { handleDatasourcesList } from './grafana/datasourcesApi';
import { handleDatasourceProxy } from './grafana/dsProxy';
import { jsonError, readBody } from './grafana/forward';
import { handlePluginProxy, type PluginProxyContext, type PluginRoute } from './grafana/pluginProxy';

export type { PluginRoute } from './grafana/pluginProxy';
export type { FakeUser } from './grafana/access';

export interface FakeGrafanaOptions {
  distDir: string;
  hostDir: string;
  /** Datasource uid → base URL for /api/datasources/proxy/uid/:uid/… (all of type prometheus). */
  datasources?: Record<string, string>;
  /** Display names of the data sources (default: the uid), as GET /api/datasources lists them. */
  datasourceNames?: Record<string, string>;
  /** The signed-in user; an Admin called "admin" unless given. Mutable through `FakeGrafana.user`. */
  user?: FakeUser;
  /** Grafana's `[dataproxy] send_user_header` (default true here, as provisioning sets it). */
  sendUserHeader?: boolean;
  /** Replaces the routes read from plugin.json (tests of the host itself). */
  routes?: PluginRoute[];
}

export interface PluginSettings {
  enabled: boolean;
  pinned: boolean;
  jsonData: Record<string, unknown>;
  secureJsonData: Record<string, string>;
}

export interface FakeGrafana {
  url: string;
  pluginId: string;
  settings: PluginSettings;
  user: FakeUser;
  /** Every request forwarded through a plugin route, in order (method, target URL, headers sent). */
  proxied: PluginProxyContext['proxied'];
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.css': 'text/css',
  '.html': 'text/html',
};

function sendFile(res: http.ServerResponse, file: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end(`not found: ${file}`);
    return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

function hostPage(pluginId: string, user: FakeUser, roles: PluginRole[]): string {
  const permissions = Object.fromEntries([...permissionsOf(user, roles)].map((a) => [a, true]));
  const boot = {
    settings: { appSubUrl: '', buildInfo: { version: '12.4.2', edition: 'host' }, featureToggles: {}, datasources: {}, bootData: {} },
    user: { isSignedIn: true, orgRole: user.role, orgId: 1, login: user.login, theme: 'dark', timezone: 'browser', permissions },
    navTree: [],
  };
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shadowfleet — plugin host</title>
<script>window.grafanaBootData = ${JSON.stringify(boot)};
window.shadowfleetHost = ${JSON.stringify({ pluginId, moduleUrl: `/public/plugins/${pluginId}/module.js` })};</script>
</head><body><div id="root"></div><script src="/host/host.js"></script></body></html>`;
}

export async function startFakeGrafana(options: FakeGrafanaOptions): Promise<FakeGrafana> {
  const pluginJson = JSON.parse(readFileSync(path.join(options.distDir, 'plugin.json'), 'utf8')) as {
    id: string;
    routes?: PluginRoute[];
    roles?: PluginRole[];
    info: unknown;
    name: string;
  };
  const pluginId = pluginJson.id;
  const settings: PluginSettings = { enabled: true, pinned: true, jsonData: {}, secureJsonData: {} };
  const proxyCtx: PluginProxyContext = {
    routes: options.routes ?? pluginJson.routes ?? [],
    roles: pluginJson.roles ?? [],
    user: options.user ?? { login: 'admin', role: 'Admin' },
    settings,
    sendUserHeader: options.sendUserHeader ?? true,
    proxied: [],
  };

  const meta = () => ({
    id: pluginId,
    type: 'app',
    name: pluginJson.name,
    info: pluginJson.info,
    enabled: settings.enabled,
    pinned: settings.pinned,
    jsonData: settings.jsonData,
    secureJsonFields: Object.fromEntries(Object.keys(settings.secureJsonData).map((k) => [k, true])),
    baseUrl: `public/plugins/${pluginId}`,
    module: `public/plugins/${pluginId}/module.js`,
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://host');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    if (p.startsWith('/host/')) {
      return sendFile(res, path.join(options.hostDir, path.normalize(p.slice('/host/'.length))));
    }
    const publicPrefix = `/public/plugins/${pluginId}/`;
    if (p.startsWith(publicPrefix)) {
      return sendFile(res, path.join(options.distDir, path.normalize(p.slice(publicPrefix.length))));
    }
    if (p === `/api/plugins/${pluginId}/settings`) {
      if (method !== 'POST') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(meta()));
        return;
      }
      if (!hasRole(proxyCtx.user, 'Admin')) {
        return jsonError(res, 403, 'Permission denied');
      }
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Partial<PluginSettings>;
      if (body.enabled !== undefined) settings.enabled = body.enabled;
      if (body.pinned !== undefined) settings.pinned = body.pinned;
      if (body.jsonData !== undefined) settings.jsonData = body.jsonData;
      // Grafana merges secureJsonData: keys not sent keep their stored value.
      if (body.secureJsonData) Object.assign(settings.secureJsonData, body.secureJsonData);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Plugin settings updated' }));
      return;
    }
    const proxyPrefix = `/api/plugin-proxy/${pluginId}/`;
    if (p.startsWith(proxyPrefix)) {
      return handlePluginProxy(proxyCtx, req, res, p.slice(proxyPrefix.length), url.search);
    }
    if (p === '/api/datasources' && method === 'GET') {
      const list = Object.entries(options.datasources ?? {}).map(([uid, base]) => ({ uid, url: base, name: options.datasourceNames?.[uid] ?? uid }));
      return handleDatasourcesList(list, proxyCtx.user, res);
    }
    const ds = /^\/api\/datasources\/proxy\/uid\/([^/]+)\/?(.*)$/.exec(p);
    if (ds) {
      return handleDatasourceProxy(options.datasources ?? {}, req, res, ds[1]!, ds[2] ?? '', url.search);
    }
    if (p.startsWith('/api/')) {
      return jsonError(res, 404, 'Not found');
    }
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(hostPage(pluginId, proxyCtx.user, proxyCtx.roles));
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => jsonError(res, 500, err.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}`,
    pluginId,
    settings,
    get user() {
      return proxyCtx.user;
    },
    set user(u: FakeUser) {
      proxyCtx.user = u;
    },
    proxied: proxyCtx.proxied,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser keeps idle keep-alive connections open; close would otherwise wait for them.
        server.closeAllConnections();
      }),
  };
}
