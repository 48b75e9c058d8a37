import https from 'node:https';
import { FAKE_API_CA, FakeKubernetesApi } from './fake-api-server';

const TOKEN = 'fake-server-token-0123';
const SCALE = '/apis/apps/v1/namespaces/shop/deployments/web/scale';

/** The fake must never be more lenient than the real API server: its answers to the requests the driver (or a mistake) sends. */
describe('fake Kubernetes API server', () => {
  let api: FakeKubernetesApi;
  let base: string;
  beforeEach(async () => {
    api = new FakeKubernetesApi(TOKEN);
    api.cluster.addDeployment('shop', 'web', 2, { app: 'web' });
    base = await api.listen();
  });
  afterEach(() => api.close());

  const call = (method: string, path: string, body?: unknown, contentType = 'application/json') =>
    new Promise<{ code: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = https.request(`${base}${path}`, { method, ca: FAKE_API_CA, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': contentType } }, (res) => {
        let raw = '';
        res.on('data', (c: Buffer) => (raw += c.toString()));
        res.on('end', () => resolve({ code: res.statusCode!, body: JSON.parse(raw) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  const readScale = async () => (await call('GET', SCALE)).body as { metadata: { resourceVersion: string }; spec: { replicas?: number }; status: { replicas: number; selector: string } };

  it('answers 409 Conflict to a PUT or merge patch with a stale resourceVersion, and accepts one without', async () => {
    const scale = await readScale();
    api.cluster.setReplicas('shop', 'web', 3);
    const conflict = {
      code: 409,
      body: expect.objectContaining({ kind: 'Status', reason: 'Conflict', message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again' }),
    };
    expect(await call('PUT', SCALE, { ...scale, spec: { replicas: 5 } })).toEqual(conflict);
    expect(await call('PATCH', SCALE, { metadata: { resourceVersion: scale.metadata.resourceVersion }, spec: { replicas: 5 } }, 'application/merge-patch+json')).toEqual(conflict);
    expect(api.cluster.deployment('shop', 'web')!.replicas).toBe(3);
    expect((await call('PATCH', SCALE, { spec: { replicas: 5 } }, 'application/merge-patch+json')).code).toBe(200);
    expect(api.cluster.deployment('shop', 'web')!.replicas).toBe(5);
  });

  it('moves the resourceVersion when only the status changes (pods becoming Ready)', async () => {
    const before = await readScale();
    await call('PUT', SCALE, { ...before, spec: { replicas: 3 } });
    const written = await readScale();
    api.cluster.runControllers();
    const after = await readScale();
    expect(after.spec).toEqual({ replicas: 3 });
    expect(after.metadata.resourceVersion).not.toBe(written.metadata.resourceVersion);
    expect((await call('PUT', SCALE, { ...written, spec: { replicas: 4 } })).code).toBe(409);
  });

  it('sends `spec: {}` at 0 replicas and lets status lag spec', async () => {
    const scale = await readScale();
    expect((await call('PUT', SCALE, { ...scale, spec: { replicas: 0 } })).body).toMatchObject({ spec: {}, status: { replicas: 2, selector: 'app=web' } });
    api.cluster.runControllers();
    api.cluster.runControllers();
    expect(await readScale()).toMatchObject({ spec: {}, status: { replicas: 0 } });
  });

  it.each([
    ['a PUT naming another object', 'PUT', { kind: 'Scale', metadata: { name: 'other' }, spec: { replicas: 1 } }, 'application/json', 400, 'the name of the object (other) does not match the name on the URL (web)'],
    ['a negative replica count', 'PATCH', { spec: { replicas: -1 } }, 'application/merge-patch+json', 422, 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ['a patch without a patch content type', 'PATCH', { spec: { replicas: 1 } }, 'application/json', 415, expect.stringContaining('the body of the request was in an unknown format')],
    ['DELETE on the scale subresource', 'DELETE', undefined, 'application/json', 405, 'the server does not allow this method on the requested resource'],
  ])('refuses %s as the API server does', async (_name, method, body, contentType, code, message) => {
    expect(await call(method, SCALE, body, contentType)).toEqual({ code, body: expect.objectContaining({ kind: 'Status', code, message }) });
  });

  it('lists pods with their Ready condition and deletionTimestamp', async () => {
    const [first, second] = api.cluster.podsOf(api.cluster.deployment('shop', 'web')!);
    first!.ready = false;
    api.cluster.evict('shop', second!.name);
    const list = (await call('GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb')).body as { items: { metadata: { deletionTimestamp?: string }; status: { conditions: { type: string; status: string }[] } }[] };
    const ready = list.items.map((p) => [p.status.conditions.find((c) => c.type === 'Ready')!.status, p.metadata.deletionTimestamp !== undefined]);
    expect(ready).toEqual([
      ['False', false],
      ['False', true],
    ]);
  });
});
