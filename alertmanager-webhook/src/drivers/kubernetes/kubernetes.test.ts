import { describeDriverContract } from '../shared-suite';
import { kubernetesOptions } from './kubernetes-driver';
import { setupKubernetes } from './testing/harness';

describeDriverContract('kubernetes (@kubernetes/client-node against a loopback API server with controllers)', async () => {
  const { driver, observe, teardown } = await setupKubernetes({ controllers: true });
  return { driver, initial: 1, observe, teardown };
});

const SCALE = '/apis/apps/v1/namespaces/shop/deployments';

describe('kubernetes driver: requests', () => {
  it('reads both scale subresources and their pods by the selector the scale reports', async () => {
    const { api, driver, teardown } = await setupKubernetes();
    try {
      expect(await driver.status()).toEqual({ active: 1, standby: 2, desired: 1, holds: 3 });
      expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `GET ${SCALE}/web/scale`,
        'GET /api/v1/namespaces/shop/pods?labelSelector=app%3Dweb%2Cshadowfleet.io%2Frole%3Dserving',
        `GET ${SCALE}/web-standby/scale`,
        'GET /api/v1/namespaces/shop/pods?labelSelector=app%3Dweb%2Cshadowfleet.io%2Frole%3Dstandby',
      ]);
      expect(api.requests.every((r) => r.accept?.includes('application/json'))).toBe(true);
    } finally {
      await teardown();
    }
  });

  it('writes the Scale back with the resourceVersion it read (a conditional PUT, as the HPA and `kubectl scale --resource-version` do)', async () => {
    const { api, driver, teardown } = await setupKubernetes({ controllers: true });
    try {
      const plan = driver.plan(await driver.status(), 3);
      api.requests.length = 0;
      await driver.apply(plan, { context: { intent: 'i', action: 'activate_shadow', tier: 3, fingerprint: '0123456789abcdef' } });
      const puts = api.requests.filter((r) => r.method === 'PUT');
      const read = api.requests.find((r) => r.method === 'GET' && r.path === `${SCALE}/web/scale`);
      expect(read).toBeDefined();
      expect(puts.map((r) => [r.path, r.contentType, (r.body as { spec: unknown }).spec])).toEqual([
        [`${SCALE}/web/scale`, 'application/json', { replicas: 3 }],
        [`${SCALE}/web-standby/scale`, 'application/json', { replicas: 0 }],
        [`${SCALE}/web-standby/scale`, 'application/json', { replicas: 2 }],
      ]);
      expect(puts[0]!.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web', namespace: 'shop', resourceVersion: expect.stringMatching(/^\d+$/) } });
    } finally {
      await teardown();
    }
  });

  it("follows the manager's total once a set-point carries it: the standby Deployment keeps total − serving spec.replicas", async () => {
    const { api, cluster, driver, teardown } = await setupKubernetes({ controllers: true });
    try {
      // The set-point's total replaces standby.replicas (2): 5 − 1 serving = 4 warm pods.
      expect(await driver.holdPoolTotal(5)).toMatchObject({ desired: 1, holds: 5 });
      expect(cluster.deployment('shop', 'web-standby')!.replicas).toBe(4);
      // An activation without refill (the total stays 5): two warm replicas are handed over and not refilled.
      api.requests.length = 0;
      await driver.apply(driver.plan(await driver.status(), 3), { context: { intent: 'i', action: 'set_hosts', tier: 3, fingerprint: '0123456789abcdef' } });
      const puts = api.requests.filter((r) => r.method === 'PUT').map((r) => [r.path, (r.body as { spec: { replicas: number } }).spec.replicas]);
      expect(puts).toEqual([
        [`${SCALE}/web/scale`, 3],
        [`${SCALE}/web-standby/scale`, 2],
      ]);
      // A release (3 → 1) with the same total: standby is 5 − 1 = 4 again (a pod cannot move between
      // Deployments, so the released capacity comes back as standby pods on the nodes the serving ones leave).
      await driver.apply(driver.plan(await driver.status(), 1), { context: { intent: 'j', action: 'set_hosts', tier: 2, fingerprint: '0123456789abcdef' } });
      expect(cluster.deployment('shop', 'web-standby')!.replicas).toBe(4);
      expect(await driver.holdPoolTotal(5)).toMatchObject({ desired: 1, holds: 5 });
      // A smaller total: 2 − 1 = 1 warm pod.
      await driver.holdPoolTotal(2);
      expect(cluster.deployment('shop', 'web-standby')!.replicas).toBe(1);
    } finally {
      await teardown();
    }
  });

  it('plans the serving scale and, when growing, the standby hand-over', async () => {
    const { driver, teardown } = await setupKubernetes();
    try {
      expect(driver.plan({ active: 1, standby: 2, desired: 2 }, 4)).toEqual({
        from: 2,
        to: 4,
        steps: [
          { op: 'scale to 4 replicas', unit: 'deployment/web' },
          { op: 'hand up to 2 warm replica(s) over, refill to 2 once serving is Ready', unit: 'deployment/web-standby' },
        ],
      });
      expect(driver.plan({ active: 3, standby: 2 }, 1).steps).toEqual([{ op: 'scale to 1 replicas', unit: 'deployment/web' }]);
    } finally {
      await teardown();
    }
  });

  it('sends nothing once the delivery is aborted, before or after the call started', async () => {
    const { api, cluster, driver, teardown } = await setupKubernetes();
    try {
      api.requests.length = 0;
      await expect(driver.apply(driver.plan({ active: 1, standby: 2 }, 4), { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
      expect(api.requests).toEqual([]);
      const inFlight = new AbortController();
      const applying = driver.apply(driver.plan(await driver.status(), 4), { signal: inFlight.signal });
      inFlight.abort();
      await expect(applying).rejects.toThrow(/abort/i);
      expect(cluster.deployment('shop', 'web')!.replicas).toBe(1);
    } finally {
      await teardown();
    }
  });

  it('names the API answer when the Deployment does not exist', async () => {
    const { driver, teardown } = await setupKubernetes({ driver: { deployment: 'ghost' } });
    try {
      await expect(driver.status()).rejects.toThrow('Kubernetes API GET deployments/ghost/scale in shop answered 404: deployments.apps "ghost" not found');
    } finally {
      await teardown();
    }
  });

  it('names the API answer when the credentials are wrong', async () => {
    const { driver, teardown } = await setupKubernetes({ token: 'wrong-token-000000000' });
    try {
      await expect(driver.status()).rejects.toThrow('answered 401: Unauthorized');
    } finally {
      await teardown();
    }
  });

  it.each([
    ['the old relabelling options', { standby: { selector: 'app=web-shadow' } }, 'standby.deployment: required: the standby Deployment (the same pods, not selected by the Service); pods are no longer relabelled'],
    ['standby = serving', { standby: { deployment: 'web', replicas: 1 } }, 'standby.deployment: must differ from deployment'],
    ['no warm pods', { standby: { deployment: 'web-standby', replicas: 0 } }, 'standby.replicas: must be >= 1'],
  ])('refuses %s, naming the field', (_name, standby, message) => {
    const parsed = kubernetesOptions.safeParse({ namespace: 'shop', deployment: 'web', ...standby });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(`${issue.path.join('.')}: ${issue.message}`).toContain(message);
  });
});
