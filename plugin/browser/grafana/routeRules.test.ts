/** The rules the fake host applies, checked one by one against what Grafana's source does. */
import { canUseRoute, type PluginRole } from './access';
import { matchRoutePath } from './routeMatch';
import { interpolate, joinUrlFragments } from './template';

describe('route path matching (Grafana web tree, one tree per route)', () => {
  it.each([
    ['exporter', 'exporter', ''],
    ['exporter', '/exporter/', ''],
    ['exporter/*', 'exporter/v1/policy', 'v1/policy'],
    ['exporter/*', 'exporter/v1', 'v1'],
    ['exporter/v1/policy', 'exporter/v1/policy', ''],
    ['api/:name/x', 'api/abc/x', ''],
    ['exporter/*', 'exporter/v1%2Fpolicy', 'v1/policy'],
  ])('%s matches %s, appending "%s"', (route, req, rest) => {
    expect(matchRoutePath(route, req)?.rest).toBe(rest);
  });

  it.each([
    ['exporter', 'exporter/v1/decisions'],
    ['exporter', 'exporterx'],
    ['exporter/*', 'exporter'],
    ['exporter/*', 'exporter/'],
    ['exporter/v1/policy', 'exporter/v1/policy/rollback'],
    ['exporter/v1/policy', 'exporter/v1'],
    ['api/:name/x', 'api/abc/y'],
  ])('%s does not match %s', (route, req) => {
    expect(matchRoutePath(route, req)).toBeUndefined();
  });

  it('refuses patterns it does not implement rather than guessing', () => {
    expect(() => matchRoutePath('api/:id([0-9]+)', 'api/1')).toThrow(/does not implement/);
    expect(() => matchRoutePath('a/*/b', 'a/x/b')).toThrow(/does not implement/);
  });
});

describe('templates (Go text/template subset)', () => {
  const data = { jsonData: { exporterUrl: 'http://e:9464' }, secureJsonData: { exporterToken: 's3cret' } };
  it('fills JsonData and SecureJsonData, renders a missing key as Go does', () => {
    expect(interpolate('{{ .JsonData.exporterUrl }}/v1', data)).toBe('http://e:9464/v1');
    expect(interpolate('Bearer {{.SecureJsonData.exporterToken}}', data)).toBe('Bearer s3cret');
    expect(interpolate('{{ .JsonData.missing }}', data)).toBe('<no value>');
  });
  it('throws on any other action', () => {
    expect(() => interpolate('{{ .JsonData.x | orEmpty }}', data)).toThrow(/does not implement/);
    expect(() => interpolate('{{ .URL }}', data)).toThrow(/does not implement/);
  });
  it('joins url fragments with exactly one slash', () => {
    expect(joinUrlFragments('/base/', '/x')).toBe('/base/x');
    expect(joinUrlFragments('/base', 'x')).toBe('/base/x');
    expect(joinUrlFragments('/base', '')).toBe('/base');
  });
});

describe('route access (reqRole, reqAction)', () => {
  const roles: PluginRole[] = [{ role: { name: 'w', permissions: [{ action: 'app.policy:write' }] }, grants: ['Editor'] }];
  it('reqRole: Admin ⊃ Editor ⊃ Viewer', () => {
    expect(canUseRoute({ login: 'v', role: 'Viewer' }, { reqRole: 'Editor' }, roles)).toBe(false);
    expect(canUseRoute({ login: 'a', role: 'Admin' }, { reqRole: 'Editor' }, roles)).toBe(true);
    expect(canUseRoute({ login: 'v', role: 'Viewer' }, {}, roles)).toBe(true);
  });
  it('reqAction: held through a granted plugin role or directly; reqRole is then ignored', () => {
    expect(canUseRoute({ login: 'v', role: 'Viewer' }, { reqAction: 'app.policy:write', reqRole: 'Viewer' }, roles)).toBe(false);
    expect(canUseRoute({ login: 'a', role: 'Admin' }, { reqAction: 'app.policy:write' }, roles)).toBe(true);
    expect(canUseRoute({ login: 'v', role: 'Viewer', permissions: ['app.policy:write'] }, { reqAction: 'app.policy:write', reqRole: 'Admin' }, roles)).toBe(true);
  });
});
