/**
 * A stand-in for the Grafana frontend, just enough to run the built plugin outside Grafana:
 * it provides the modules Grafana shares with plugins (through an AMD `define` shim, as Grafana's
 * SystemJS loader does), a BackendSrv that sends requests to the host server (which plays Grafana's
 * HTTP API: plugin settings, plugin proxy routes, datasource proxy), the theme and a router.
 * window.grafanaBootData is set by the page before this script runs (see fakeGrafana.ts).
 */
import React from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import * as ReactDOM from 'react-dom';
import { createRoot } from 'react-dom/client';
import * as ReactRouter from 'react-router';
import * as ReactRouterDom from 'react-router-dom';
import * as rxjs from 'rxjs';
import * as emotionCss from '@emotion/css';
import * as grafanaData from '@grafana/data';
import * as grafanaUi from '@grafana/ui';
import * as grafanaRuntime from '@grafana/runtime';
import { createBackendSrv } from './backendSrv';

interface HostConfig {
  pluginId: string;
  moduleUrl: string;
}

const shared: Record<string, unknown> = {
  react: React,
  'react/jsx-runtime': jsxRuntime,
  'react-dom': ReactDOM,
  'react-router': ReactRouter,
  'react-router-dom': ReactRouterDom,
  rxjs,
  '@emotion/css': emotionCss,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUi,
  '@grafana/runtime': grafanaRuntime,
};

/** Loads an AMD module the way Grafana's loader does: dependencies by name, `module.uri` for the public path. */
function loadAmd(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const w = window as unknown as { define?: unknown };
    const define = (deps: string[], factory: (...args: unknown[]) => Record<string, unknown>) => {
      const missing = deps.filter((d) => d !== 'module' && !(d in shared));
      if (missing.length > 0) {
        reject(new Error(`plugin imports modules the host does not provide: ${missing.join(', ')}`));
        return;
      }
      resolve(factory(...deps.map((d) => (d === 'module' ? { uri: url } : shared[d]))));
    };
    (define as unknown as { amd: object }).amd = {};
    w.define = define;
    const script = document.createElement('script');
    script.src = url;
    script.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.appendChild(script);
  });
}

interface Include {
  type: string;
  name: string;
  path?: string;
}

/** Grafana's navigation for the app: its pages from plugin.json, the current one highlighted. */
function Nav({ pluginId, includes }: { pluginId: string; includes: Include[] }) {
  const pages = includes.filter((i) => i.type === 'page' && i.path);
  return (
    <nav style={{ display: 'flex', gap: 16, padding: '12px 16px', borderBottom: '1px solid #333', alignItems: 'baseline' }}>
      <strong>Shadowfleet</strong>
      {pages.map((p) => {
        const href = p.path!.replace('%PLUGIN_ID%', pluginId);
        const current = location.pathname === href || (location.pathname.startsWith(href) && href !== `/plugins/${pluginId}`);
        return (
          <a key={href} href={href} style={{ textDecoration: current ? 'underline' : 'none', fontWeight: current ? 600 : 400 }}>
            {p.name}
          </a>
        );
      })}
    </nav>
  );
}

async function main(): Promise<void> {
  const host = (window as unknown as { shadowfleetHost: HostConfig }).shadowfleetHost;
  grafanaRuntime.setBackendSrv(createBackendSrv());
  const meta = await (await fetch(`/api/plugins/${host.pluginId}/settings`)).json();
  const pluginJson = await (await fetch(host.moduleUrl.replace(/module\.js$/, 'plugin.json'))).json();
  const exports = await loadAmd(host.moduleUrl);
  const plugin = exports.plugin as grafanaData.AppPlugin;
  plugin.meta = meta;
  plugin.init(meta);
  const theme = grafanaData.createTheme({ colors: { mode: 'dark' } });
  const configPage = location.pathname.startsWith(`/plugins/${host.pluginId}`);
  const Root = plugin.root as React.ComponentType<grafanaData.AppRootProps>;
  const ConfigBody = plugin.configPages?.[0]?.body as React.ComponentType<{ plugin: grafanaData.AppPlugin; query: object }>;
  const page = configPage ? (
    <ConfigBody plugin={plugin} query={{}} />
  ) : (
    // Grafana mounts an app under the route /a/<plugin id>/*, so the app's own routes are relative to it.
    <ReactRouterDom.Routes>
      <ReactRouterDom.Route
        path={`/a/${host.pluginId}/*`}
        element={<Root meta={meta} basename={`/a/${host.pluginId}`} onNavChanged={() => undefined} query={{}} path={location.pathname} />}
      />
    </ReactRouterDom.Routes>
  );
  createRoot(document.getElementById('root')!).render(
    <grafanaData.ThemeContext.Provider value={theme}>
      <grafanaUi.GlobalStyles />
      <ReactRouterDom.BrowserRouter>
        <Nav pluginId={host.pluginId} includes={pluginJson.includes ?? []} />
        <div style={{ padding: 16 }}>{page}</div>
      </ReactRouterDom.BrowserRouter>
    </grafanaData.ThemeContext.Provider>
  );
}

main().catch((err: Error) => {
  document.getElementById('root')!.textContent = `host error: ${err.message}`;
  (window as unknown as { hostError: string }).hostError = err.message;
});
