import React from 'react';
import { PluginType, type AppPluginMeta, type PluginConfigPageProps } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';
import type { AppSettings } from '../../api/settings';
import { testIds } from '../testIds';
import AppConfig, { exporterUrlProblem } from './AppConfig';
import { checkConnection } from './ConnectionCheck';
import { installFakeBackend } from '../../testing/fakeBackend';

const props = (meta: Partial<AppPluginMeta<AppSettings>>): PluginConfigPageProps<AppPluginMeta<AppSettings>> =>
  ({
    plugin: { meta: { id: 'shadowfleet-autoscaler-app', name: 'Shadowfleet', type: PluginType.app, enabled: true, jsonData: {}, ...meta } },
    query: {},
  }) as PluginConfigPageProps<AppPluginMeta<AppSettings>>;

describe('AppConfig', () => {
  it.each([
    ['http://exporter:9464', undefined],
    ['ftp://exporter', 'must start with http:// or https://, got "ftp:"'],
    ['exporter:9464/', 'must start with http:// or https://, got "exporter:"'],
    ['http://exporter:9464/', 'must not end with "/"'],
    ['not a url', 'must be an absolute URL such as http://exporter:9464, got "not a url"'],
  ])('exporter URL %s', (url, problem) => {
    expect(exporterUrlProblem(url)).toBe(problem);
  });

  it('shows the stored URL, a configured token without its value, and refuses a bad URL', () => {
    render(<AppConfig {...props({ jsonData: { exporterUrl: 'http://exporter:9464' }, secureJsonFields: { exporterToken: true } })} />);
    expect(screen.getByTestId(testIds.appConfig.exporterUrl)).toHaveValue('http://exporter:9464');
    expect(screen.getByTestId(testIds.appConfig.prometheusUid)).toHaveValue('prometheus');
    expect(screen.getByTestId(testIds.appConfig.exporterToken)).toHaveValue('configured');
    fireEvent.change(screen.getByTestId(testIds.appConfig.exporterUrl), { target: { value: 'nope' } });
    expect(screen.getByText(/must be an absolute URL/)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeDisabled();
  });

  it('Test connection says what to fix: unreachable exporter, refused token, Prometheus without the series', async () => {
    installFakeBackend(() => ({ status: 502, data: { message: 'Bad Gateway: connect ECONNREFUSED' } }));
    const down = await checkConnection('prom');
    expect(down.map((r) => [r.what, r.ok])).toEqual([
      ['Exporter', false],
      ['Prometheus', false],
    ]);
    expect(down[0]!.message).toMatch(/check the exporter URL/);

    installFakeBackend((req) => {
      if (req.url.includes('/api/v1/query')) {
        return { status: 200, data: { status: 'success', data: { resultType: 'vector', result: [] } } };
      }
      if (req.url.endsWith('/v1/policy/rollback')) {
        return { status: 401, data: 'unauthorized' };
      }
      return { status: 200, data: { policy: {} } };
    });
    const partly = await checkConnection('prom');
    expect(partly.map((r) => [r.what, r.ok])).toEqual([
      ['Exporter', true],
      ['Token', false],
      ['Prometheus', false],
    ]);
    expect(partly[1]!.message).toMatch(/paste SHADOWFLEET_AUTH_TOKEN again/);
    expect(partly[2]!.message).toMatch(/add the exporter to its scrape targets/);
  });
});
