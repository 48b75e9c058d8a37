/**
 * Plays the part of the Grafana server for the browser test (no Grafana server can run here). It
 * follows Grafana's HTTP API exactly where the plugin touches it:
 *  - GET/POST /api/plugins/:id/settings (jsonData kept, secureJsonData stored server-side and only
 *    reported back as secureJsonFields, as Grafana does);
 *  - /api/plugin-proxy/:id/<route path>/… forwarded by the routes declared in the built plugin.json,
 *    with `{{ .JsonData.x }}` / `{{ .SecureJsonData.x }}` templates, `method` and `reqRole` matching;
 *  - /api/datasources/proxy/uid/:uid/… forwarded to a datasource URL (Prometheus);
 * and serves the host page, the host bundle and the built plugin under /public/plugins/:id/.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export interface PluginRoute {
  path: string;
  method?: string;
  url?: string;
  reqRole?: 'Viewer' | 'Editor' | 'Admin';
  headers?: Array<{ name: string; content: string }>;
}

export interface FakeGrafanaOptions {
  distDir: string;
  hostDir: string;
  /** Datasource uid → base URL for /api/datasources/proxy/uid/:uid/… */
  datasources?: Record<string, string>;
  role?: 'Viewer' | 'Editor' | 'Admin';
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
  /** Every request forwarded through a plugin route, in order (method, target URL). */
  proxied: Array<{ method: string; target: string }>;
  close(): Promise<void>;
}

const roleRank = { Viewer: 0, Editor: 1, Admin: 2 } as const;
const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.css': 'text/css',
  '.html': 'text/html',
};

/** Grafana's route template: {{ .JsonData.key }} and {{ .SecureJsonData.key }}. */
export function interpolate(template: string, settings: PluginSettings): string {
  return template.replace(/\{\{\s*\.(JsonData|SecureJsonData)\.(\w+)\s*\}\}/g, (_m, kind: string, key: string) => {
    const source = kind === 'JsonData' ? settings.jsonData : settings.secureJsonData;
    const v = source[key];
    return v === undefined || v === null ? '' : String(v);
  });
}

function sendFile(res: http.ServerResponse, file: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end(`not found: ${file}`);
    return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function forward(req: http.IncomingMessage, res: http.ServerResponse, target: string, headers: Record<string, string>): Promise<void> {
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
  const outHeaders: Record<string, string> = { ...headers };
  if (req.headers['content-type']) {
    outHeaders['Content-Type'] = req.headers['content-type'];
  }
  try {
    const answer = await fetch(target, { method: req.method, headers: outHeaders, body: body ? new Uint8Array(body) : undefined });
    const buf = Buffer.from(await answer.arrayBuffer());
    res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream' });
    res.end(buf);
  } catch (err) {
    // Grafana answers 502 Bad Gateway when the upstream cannot be reached.
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ message: `Bad Gateway: ${(err as Error).message}` }));
  }
}

function hostPage(pluginId: string): string {
  const boot = {
    settings: { appSubUrl: '', buildInfo: { version: '12.4.2', edition: 'host' }, featureToggles: {}, datasources: {}, bootData: {} },
    user: { isSignedIn: true, orgRole: 'Admin', orgId: 1, login: 'admin', theme: 'dark', timezone: 'utc' },
    navTree: [],
  };
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shadowfleet — plugin host</title>
<script>window.grafanaBootData = ${JSON.stringify(boot)};
window.shadowfleetHost = ${JSON.stringify({ pluginId, moduleUrl: `/public/plugins/${pluginId}/module.js` })};</script>
</head><body><div id="root"></div><script src="/host/host.js"></script></body></html>`;
}

export async function startFakeGrafana(options: FakeGrafanaOptions): Promise<FakeGrafana> {
  const pluginJson = JSON.parse(readFileSync(path.join(options.distDir, 'plugin.json'), 'utf8')) as { id: string; routes?: PluginRoute[]; info: unknown; name: string };
  const pluginId = pluginJson.id;
  const role = options.role ?? 'Admin';
  const settings: PluginSettings = { enabled: true, pinned: true, jsonData: {}, secureJsonData: {} };
  const proxied: FakeGrafana['proxied'] = [];

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

  const server = http.createServer((req, res) => {
    void (async () => {
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
        if (method === 'POST') {
          if (roleRank[role] < roleRank.Admin) {
            res.writeHead(403).end(JSON.stringify({ message: 'Permission denied' }));
            return;
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
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(meta()));
        return;
      }
      const proxyPrefix = `/api/plugin-proxy/${pluginId}/`;
      if (p.startsWith(proxyPrefix)) {
        const rest = p.slice(proxyPrefix.length);
        const route = (pluginJson.routes ?? []).find(
          (r) => (rest === r.path || rest.startsWith(`${r.path}/`)) && (!r.method || r.method === '*' || r.method === method)
        );
        if (!route || !route.url) {
          res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Plugin route not found' }));
          return;
        }
        if (route.reqRole && roleRank[role] < roleRank[route.reqRole]) {
          res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'plugin proxy route access denied' }));
          return;
        }
        const base = interpolate(route.url, settings).replace(/\/$/, '');
        const target = `${base}${rest.slice(route.path.length)}${url.search}`;
        const headers = Object.fromEntries((route.headers ?? []).map((h) => [h.name, interpolate(h.content, settings)]));
        proxied.push({ method, target });
        return forward(req, res, target, headers);
      }
      const dsMatch = /^\/api\/datasources\/proxy\/uid\/([^/]+)(\/.*)?$/.exec(p);
      if (dsMatch) {
        const base = options.datasources?.[dsMatch[1]!];
        if (!base) {
          res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Data source not found' }));
          return;
        }
        return forward(req, res, `${base.replace(/\/$/, '')}${dsMatch[2] ?? ''}${url.search}`, {});
      }
      if (p.startsWith('/api/')) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Not found' }));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(hostPage(pluginId));
    })().catch((err: Error) => {
      res.writeHead(500).end(err.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${addr.port}`,
    pluginId,
    settings,
    proxied,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
