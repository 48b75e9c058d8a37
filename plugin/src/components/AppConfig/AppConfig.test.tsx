import React from 'react';
import { PluginType, type AppPluginMeta, type PluginConfigPageProps } from '@grafana/data';
import { fireEvent, render, screen } from '@testing-library/react';
import type { AppSettings } from '../../api/settings';
import { testIds } from '../testIds';
import AppConfig, { exporterUrlProblem } from './AppConfig';

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
});
