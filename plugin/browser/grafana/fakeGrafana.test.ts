/**
 * The Grafana stand-in over real HTTP: a recording upstream stands for the exporter / Prometheus,
 * and each Grafana rule the browser test relies on is shown to hold (and to fail where Grafana fails).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startFakeGrafana, type FakeGrafana, type PluginRoute } from '../fakeGrafana';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let upstream: http.Server;
let upstreamUrl: string;
const seen: Seen[] = [];
const dist = mkdtempSync(path.join(os.tmpdir(), 'sf-fake-grafana-'));
const realPluginJson = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'src', 'plugin.json'), 'utf8'));
const ID = realPluginJson.id as string;
const WRITE = `${ID}.policy:write`;

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  writeFileSync(path.join(dist, 'plugin.json'), JSON.stringify(realPluginJson));
});
afterAll(async () => {
  await new Promise((resolve) => upstream.close(resolve));
  rmSync(dist, { recursive: true, force: true });
});

async function withHost(routes: PluginRoute[] | undefined, run: (g: FakeGrafana) => Promise<void>, extra: Partial<Parameters<typeof startFakeGrafana>[0]> = {}) {
  const g = await startFakeGrafana({ distDir: dist, hostDir: dist, routes, datasources: { prom: `${upstreamUrl}/prom` }, ...extra });
  g.settings.jsonData = { exporterUrl: upstreamUrl, webhookUrl: `${upstreamUrl}/wh` };
  g.settings.secureJsonData = { exporterToken: 'tok-123', webhookReadToken: 'read-456' };
  seen.length = 0;
  try {
    await run(g);
  } finally {
    await g.close();
  }
}

const call = async (g: FakeGrafana, method: string, p: string, headers: Record<string, string> = {}, body?: string) => {
  const res = await fetch(`${g.url}${p}`, { method, headers, body });
  return { status: res.status, body: (await res.json()) as { message?: string } };
};
const proxy = (p: string) => `/api/plugin-proxy/${ID}/${p}`;

describe('plugin proxy, as Grafana does it', () => {
  it('a plain "path": "exporter" route serves only the path "exporter", never its children', async () => {
    await withHost([{ path: 'exporter', method: 'GET', url: '{{ .JsonData.exporterUrl }}' }], async (g) => {
      expect(await call(g, 'GET', proxy('exporter/v1/decisions'))).toEqual({ status: 404, body: { message: 'plugin route match not found' } });
      expect(seen).toHaveLength(0);
      expect((await call(g, 'GET', proxy('exporter'))).status).toBe(200);
      expect(seen[0]!.url).toBe('/');
    });
  });

  it('"exporter/*" appends only the * part, keeps the query string, and needs the method', async () => {
    await withHost([{ path: 'exporter/*', method: 'GET', url: '{{ .JsonData.exporterUrl }}/base' }], async (g) => {
      expect((await call(g, 'GET', proxy('exporter/v1/decisions?limit=3'))).status).toBe(200);
      expect(seen[0]!.url).toBe('/base/v1/decisions?limit=3');
      expect((await call(g, 'POST', proxy('exporter/v1/decisions'))).body.message).toBe('plugin route match not found');
    });
  });

  it('the first matching route decides: a denied role is 403 even if a later route would allow it', async () => {
    const routes = [
      { path: 'x/*', reqRole: 'Admin', url: '{{ .JsonData.exporterUrl }}' },
      { path: 'x/*', url: '{{ .JsonData.exporterUrl }}' },
    ];
    await withHost(routes, async (g) => {
      g.user = { login: 'ed', role: 'Editor' };
      expect(await call(g, 'GET', proxy('x/y'))).toEqual({ status: 403, body: { message: 'plugin proxy route access denied' } });
      expect(seen).toHaveLength(0);
    });
  });

  it('templates headers from secureJsonData, drops cookies, and sets X-Grafana-User itself', async () => {
    const routes = [{ path: 'e/*', url: '{{ .JsonData.exporterUrl }}', headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.exporterToken }}' }] }];
    await withHost(routes, async (g) => {
      g.user = { login: 'alice', role: 'Viewer' };
      await call(g, 'GET', proxy('e/a'), { Authorization: 'Bearer forged', Cookie: 'grafana_session=1', 'X-Grafana-User': 'mallory' });
      expect(seen[0]!.headers.authorization).toBe('Bearer tok-123');
      expect(seen[0]!.headers.cookie).toBeUndefined();
      expect(seen[0]!.headers['x-grafana-user']).toBe('alice');
    });
    await withHost(routes, async (g) => {
      await call(g, 'GET', proxy('e/a'), { 'X-Grafana-User': 'mallory' });
      expect(seen[0]!.headers['x-grafana-user']).toBeUndefined();
    }, { sendUserHeader: false });
  });

  it('an unset exporterUrl is not silently forwarded anywhere', async () => {
    await withHost([{ path: 'e/*', url: '{{ .JsonData.exporterUrl }}' }], async (g) => {
      g.settings.jsonData = {};
      expect((await call(g, 'GET', proxy('e/a'))).status).toBeGreaterThanOrEqual(500);
      expect(seen).toHaveLength(0);
    });
  });
});

describe('the app’s own routes (src/plugin.json)', () => {
  const as = (role: 'Viewer' | 'Editor' | 'Admin') => ({ login: role.toLowerCase(), role });
  it.each(['healthz', 'v1/decisions', 'v1/profiles', 'v1/complexity', 'v1/forecast/complexity-load', 'v1/experiments', 'v1/policy'])(
    'a Viewer reads %s, without the token',
    async (p) => {
      await withHost(undefined, async (g) => {
        g.user = as('Viewer');
        expect((await call(g, 'GET', proxy(`exporter/${p}?x=1`))).status).toBe(200);
        expect(seen[0]!.url).toBe(`/${p}?x=1`);
        expect(seen[0]!.headers.authorization).toBeUndefined();
      });
    }
  );

  it('policy writes need the plugin’s policy:write action (granted to Admin); Editors may preview', async () => {
    await withHost(undefined, async (g) => {
      g.user = as('Editor');
      expect((await call(g, 'POST', proxy('exporter/v1/policy/preview'), { 'Content-Type': 'application/json' }, '{}')).status).toBe(200);
      expect(seen[0]!.headers.authorization).toBe('Bearer tok-123');
      expect((await call(g, 'PUT', proxy('exporter/v1/policy'), {}, '{}')).status).toBe(403);
      expect((await call(g, 'POST', proxy('exporter/v1/policy/rollback'), {}, '{}')).status).toBe(403);
      g.user = { ...as('Editor'), permissions: [WRITE] };
      expect((await call(g, 'PUT', proxy('exporter/v1/policy'), {}, '{}')).status).toBe(200);
      g.user = as('Admin');
      expect((await call(g, 'POST', proxy('exporter/v1/policy/rollback'), {}, '{"version":1}')).status).toBe(200);
      expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/v1/policy/rollback', body: '{"version":1}' });
    });
  });

  it('a Viewer reads the webhook’s intents (query kept) with the read token, never the exporter token; nothing else under webhook/', async () => {
    await withHost(undefined, async (g) => {
      g.user = as('Viewer');
      expect((await call(g, 'GET', proxy('webhook/v1/intents?pool=web&from=1&to=2'))).status).toBe(200);
      expect(seen[0]!.url).toBe('/wh/v1/intents?pool=web&from=1&to=2');
      expect(seen[0]!.headers.authorization).toBe('Bearer read-456');
      g.user = as('Admin');
      for (const [m, p] of [['POST', 'webhook/webhook'], ['GET', 'webhook/metrics'], ['POST', 'webhook/v1/intents'], ['GET', 'webhook/v1/intents/x']]) {
        expect((await call(g, m!, proxy(p!), {}, m === 'POST' ? '{}' : undefined)).status).toBe(404);
      }
      expect(seen).toHaveLength(1);
    });
  });

  it.each(['v1/events', 'v1/users', 'v1/profiles/rebuild', 'v1/nextaction/retrain', 'v1/policy/../events'])('no role reaches POST %s with the token', async (p) => {
    await withHost(undefined, async (g) => {
      g.user = as('Admin');
      expect((await call(g, 'POST', proxy(`exporter/${p}`), {}, '{}')).status).toBe(404);
      expect(seen).toHaveLength(0);
    });
  });
});

describe('data source proxy (Prometheus)', () => {
  it('forwards GETs with their query; refuses POST, PUT, DELETE; 404 for an unknown uid', async () => {
    await withHost(undefined, async (g) => {
      expect((await call(g, 'GET', '/api/datasources/proxy/uid/prom/api/v1/query?query=up')).status).toBe(200);
      expect(seen[0]!.url).toBe('/prom/api/v1/query?query=up');
      for (const m of ['POST', 'PUT', 'DELETE']) {
        expect((await call(g, m, '/api/datasources/proxy/uid/prom/api/v1/query')).body.message).toBe(`non allow-listed ${m}s not allowed on proxied Prometheus datasource`);
      }
      expect((await call(g, 'GET', '/api/datasources/proxy/uid/nope/api/v1/query')).status).toBe(404);
    });
  });
});

describe('GET /api/datasources', () => {
  it('lists the org’s data sources by name for an Admin, without secrets; others get 403 naming datasources:read', async () => {
    await withHost(
      undefined,
      async (g) => {
        const res = await fetch(`${g.url}/api/datasources`);
        expect(res.status).toBe(200);
        const list = (await res.json()) as Array<Record<string, unknown>>;
        expect(list.map((d) => [d.name, d.uid, d.type, d.isDefault])).toEqual([
          ['Alpha', 'b', 'prometheus', false],
          ['Zulu', 'prom', 'prometheus', true],
        ]);
        expect(list.every((d) => !('secureJsonData' in d))).toBe(true);
        for (const role of ['Editor', 'Viewer'] as const) {
          g.user = { login: role.toLowerCase(), role };
          const denied = await call(g, 'GET', '/api/datasources');
          expect(denied).toEqual({ status: 403, body: expect.objectContaining({ message: expect.stringContaining('Permissions needed: datasources:read') }) });
        }
      },
      { datasources: { prom: `${upstreamUrl}/prom`, b: `${upstreamUrl}/b` }, datasourceNames: { prom: 'Zulu', b: 'Alpha' } }
    );
  });
});
