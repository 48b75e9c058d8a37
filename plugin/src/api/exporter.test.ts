import { installFakeBackend } from '../testing/fakeBackend';
import { callExporter } from './exporter';

describe('callExporter', () => {
  it.each([
    ['404 without an API error body (route missing)', 404, '<pre>Cannot GET /v1/decisions</pre>', 'unavailable'],
    ['501 not implemented', 501, { error: 'not_implemented', message: 'no simulator' }, 'unavailable'],
    ['404 with an API error (unknown user)', 404, { error: 'unknown_user', message: 'user "x" has no events' }, 'error'],
    ['502 from Grafana (exporter unreachable)', 502, { message: 'Bad Gateway' }, 'error'],
  ])('classifies %s', async (_name, status, data, kind) => {
    installFakeBackend(() => ({ status, data }));
    expect((await callExporter('/v1/decisions')).kind).toBe(kind);
  });

  it('goes through the plugin proxy route and passes field errors on', async () => {
    const seen = installFakeBackend(() => ({
      status: 400,
      data: { error: 'invalid_policy', message: 'bounds.maxHosts must be ≥ 1', issues: [{ field: 'bounds.maxHosts', message: 'must be ≥ 1' }] },
    }));
    const r = await callExporter('/v1/policy', { method: 'PUT', data: { a: 1 } });
    expect(seen[0]).toMatchObject({ url: 'api/plugin-proxy/shadowfleet-autoscaler-app/exporter/v1/policy', method: 'PUT', data: { a: 1 } });
    expect(r).toEqual({ kind: 'error', status: 400, message: 'bounds.maxHosts must be ≥ 1', fields: [{ field: 'bounds.maxHosts', message: 'must be ≥ 1' }] });
  });

  it('names Grafana’s own 404 (no proxy route) and 403 (role) instead of blaming the exporter', async () => {
    installFakeBackend(() => ({ status: 404, data: { message: 'plugin route match not found' } }));
    const missing = await callExporter('/v1/decisions');
    expect(missing.kind === 'error' && missing.message).toMatch(/no plugin proxy route for GET \/v1\/decisions/);
    installFakeBackend(() => ({ status: 403, data: { message: 'plugin proxy route access denied' } }));
    const denied = await callExporter('/v1/policy', { method: 'PUT' });
    expect(denied.kind === 'error' && denied.message).toMatch(/role may not PUT \/v1\/policy/);
  });

  it('explains a 401 as a token problem', async () => {
    installFakeBackend(() => ({ status: 401, data: 'unauthorized' }));
    const r = await callExporter('/v1/policy', { method: 'PUT' });
    expect(r.kind === 'error' && r.message).toMatch(/token/);
  });
});
