import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryLogger } from '../../util/logger';
import { describeDriverContract } from '../shared-suite';
import { KubernetesDriver, kubernetesOptions } from './kubernetes-driver';
import { FAKE_API_CA, FakeKubernetesApi } from './testing/fake-api-server';

const TOKEN = 'test-token-0123456789';
const SERVING = 'shadowfleet.io/serving';

async function setup(options: Record<string, unknown> = {}, token = TOKEN) {
  const api = new FakeKubernetesApi(TOKEN);
  api.addDeployment('shop', 'web', 1, { app: 'web' });
  for (const name of ['web-shadow-a', 'web-shadow-b']) api.addPod('shop', name, { app: 'web-shadow', [SERVING]: 'false' });
  api.addPod('shop', 'web-shadow-c', { app: 'web-shadow', [SERVING]: 'false' }, 'Pending');
  const server = await api.listen();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-kube-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'fake', cluster: { server, 'certificate-authority-data': FAKE_API_CA.toString('base64') } }],
      users: [{ name: 'webhook', user: { token } }],
      contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'webhook' } }],
      'current-context': 'fake',
    }),
  );
  const driver = new KubernetesDriver(kubernetesOptions.parse({ kubeconfig, namespace: 'shop', deployment: 'web', standby: { selector: 'app=web-shadow' }, ...options }), { pool: 'web', logger: memoryLogger() });
  const observe = async () => api.deployments.get('shop/web')!.replicas + [...api.pods.values()].filter((p) => p.labels[SERVING] === 'true').length;
  const teardown = async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { api, driver, observe, teardown };
}

describeDriverContract('kubernetes (@kubernetes/client-node against a protocol-exact loopback API server)', async () => {
  const { driver, observe, teardown } = await setup();
  return { driver, initial: 1, observe, teardown };
});

describe('kubernetes driver', () => {
  it('activates warm standby pods first, then scales the Deployment, with the requests the real API expects', async () => {
    const { api, driver, teardown } = await setup();
    try {
      const before = await driver.status();
      expect(before).toEqual({ active: 1, standby: 2 });
      api.requests.length = 0;
      const after = await driver.apply(driver.plan(before, 4));
      expect(after).toEqual({ active: 4, standby: 0 });
      const calls = api.requests.map((r) => [r.method, r.path, r.contentType ?? '', JSON.stringify(r.body ?? null)]);
      expect(calls.slice(0, 5)).toEqual([
        ['GET', '/apis/apps/v1/namespaces/shop/deployments/web/scale', '', 'null'],
        ['GET', '/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb-shadow', '', 'null'],
        ['PATCH', '/api/v1/namespaces/shop/pods/web-shadow-a', 'application/strategic-merge-patch+json', JSON.stringify({ metadata: { labels: { [SERVING]: 'true' } } })],
        ['PATCH', '/api/v1/namespaces/shop/pods/web-shadow-b', 'application/strategic-merge-patch+json', JSON.stringify({ metadata: { labels: { [SERVING]: 'true' } } })],
        ['PATCH', '/apis/apps/v1/namespaces/shop/deployments/web/scale', 'application/merge-patch+json', JSON.stringify({ spec: { replicas: 2 } })],
      ]);
      expect(api.requests.every((r) => r.accept?.includes('application/json'))).toBe(true);
    } finally {
      await teardown();
    }
  });

  it('releases activated standby pods before removing replicas when scaling back', async () => {
    const { api, driver, teardown } = await setup();
    try {
      await driver.apply(driver.plan(await driver.status(), 4));
      const serving = () => [...api.pods.values()].filter((p) => p.labels[SERVING] === 'true').map((p) => p.name);
      expect([api.deployments.get('shop/web')!.replicas, serving()]).toEqual([2, ['web-shadow-a', 'web-shadow-b']]);
      await driver.apply(driver.plan(await driver.status(), 3));
      expect([api.deployments.get('shop/web')!.replicas, serving()]).toEqual([2, ['web-shadow-a']]);
      await driver.apply(driver.plan(await driver.status(), 1));
      expect([api.deployments.get('shop/web')!.replicas, serving()]).toEqual([1, []]);
    } finally {
      await teardown();
    }
  });

  it('scales only the Deployment when no standby is configured', async () => {
    const { api, driver, teardown } = await setup({ standby: undefined });
    try {
      await driver.apply(driver.plan(await driver.status(), 3));
      expect(api.deployments.get('shop/web')!.replicas).toBe(3);
      expect(api.requests.some((r) => r.path.includes('/pods'))).toBe(false);
    } finally {
      await teardown();
    }
  });

  it('sends nothing once the delivery is aborted, before or after the call started', async () => {
    const { api, driver, teardown } = await setup();
    try {
      api.requests.length = 0;
      await expect(driver.apply(driver.plan({ active: 1, standby: 2 }, 4), { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
      expect(api.requests).toEqual([]);
      const inFlight = new AbortController();
      const applying = driver.apply(driver.plan(await driver.status(), 4), { signal: inFlight.signal });
      inFlight.abort();
      await expect(applying).rejects.toThrow(/abort/i);
      expect(api.deployments.get('shop/web')!.replicas).toBe(1);
    } finally {
      await teardown();
    }
  });

  it('names the API answer when the Deployment does not exist', async () => {
    const { driver, teardown } = await setup({ deployment: 'ghost' });
    try {
      await expect(driver.status()).rejects.toThrow('Kubernetes API GET deployments/ghost/scale in shop answered 404: deployments.apps "ghost" not found');
    } finally {
      await teardown();
    }
  });

  it('names the API answer when the credentials are wrong', async () => {
    const { driver, teardown } = await setup({}, 'wrong-token-000000000');
    try {
      await expect(driver.status()).rejects.toThrow('answered 401: Unauthorized');
    } finally {
      await teardown();
    }
  });
});
