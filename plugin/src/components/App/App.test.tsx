import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { PluginType, type AppRootProps } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import { config } from '@grafana/runtime';
import { installFakeBackend } from '../../testing/fakeBackend';
import type { AppSettings } from '../../api/settings';
import App from './App';

const props: AppRootProps<AppSettings> = {
  basename: 'a/shadowfleet-autoscaler-app',
  meta: { id: 'shadowfleet-autoscaler-app', name: 'Shadowfleet', type: PluginType.app, enabled: true, jsonData: { prometheusUid: 'prom' }, info: {} as AppRootProps['meta']['info'], module: '', baseUrl: '' },
  query: {},
  path: '',
  onNavChanged: jest.fn(),
};

describe('App', () => {
  it('opens the overview by default and queries the configured Prometheus datasource', async () => {
    const seen = installFakeBackend((req) =>
      req.url.includes('/api/v1/label/pool/values')
        ? { status: 200, data: { status: 'success', data: ['web'] } }
        : req.url.startsWith('api/datasources/proxy/')
          ? { status: 200, data: { status: 'success', data: { resultType: 'vector', result: [] } } }
          : { status: 404, data: 'Cannot GET' }
    );
    render(
      <MemoryRouter>
        <App {...props} />
      </MemoryRouter>
    );
    expect(await screen.findByText('Hosts per pool', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(await screen.findByText('The webhook has not reported any pool yet.')).toBeInTheDocument();
    expect(seen.some((r) => r.url.startsWith('api/datasources/proxy/uid/prom/api/v1/query'))).toBe(true);
    // The pool picker asks for the pools as label_values(shadowfleet_pool_info, pool) does.
    expect(seen.find((r) => r.url.endsWith('/api/v1/label/pool/values'))?.params).toMatchObject({ 'match[]': 'shadowfleet_pool_info' });
  });

  it('guards the Tuning route itself: a Viewer who opens its URL is told, and no policy is fetched', async () => {
    config.bootData.user = { ...config.bootData.user, orgRole: 'Viewer', permissions: {} } as typeof config.bootData.user;
    const seen = installFakeBackend(() => ({ status: 200, data: {} }));
    render(
      <MemoryRouter initialEntries={['/tuning']}>
        <App {...props} />
      </MemoryRouter>
    );
    expect(await screen.findByText('Tuning needs the Editor role')).toBeInTheDocument();
    expect(seen.some((r) => r.url.includes('/v1/policy'))).toBe(false);
  });
});
