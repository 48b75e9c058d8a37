import type { ActionContext } from '../driver';
import { setupKubernetes } from './testing/harness';

/** What a cluster does that an object store does not: readiness, lag, quota, evictions, other writers. */
const act = (action: ActionContext['action']): { context: ActionContext } => ({ context: { intent: 'intent-1', action, tier: 3, fingerprint: '0123456789abcdef' } });

describe('kubernetes driver against a cluster that lags, blocks and is shared', () => {
  it('counts only Ready pods as active and reports desired beside it', async () => {
    const { cluster, driver, teardown } = await setupKubernetes({ serving: 3 });
    try {
      const [a, b] = cluster.podsOf(cluster.deployment('shop', 'web')!);
      a!.ready = false; // Running, failing its readiness probe
      cluster.evict('shop', b!.name); // terminating: deletionTimestamp set
      expect(await driver.status()).toEqual({ active: 1, standby: 2, desired: 3, holds: 5 });
    } finally {
      await teardown();
    }
  });

  it('reports a write whose pods have not started yet as desired, not active, until the controllers act', async () => {
    const { cluster, driver, teardown } = await setupKubernetes();
    try {
      const after = await driver.apply(driver.plan(await driver.status(), 3));
      expect(after).toMatchObject({ active: 1, desired: 3 });
      cluster.runControllers(); // pods created, Pending
      expect(await driver.status()).toMatchObject({ active: 1, desired: 3 });
      cluster.runControllers(); // kubelet: Running and Ready
      expect(await driver.status()).toMatchObject({ active: 3, desired: 3 });
    } finally {
      await teardown();
    }
  });

  it('does not count replicas a quota keeps from being created', async () => {
    const { cluster, driver, teardown } = await setupKubernetes();
    cluster.podQuota.set('shop', 4); // 1 serving + 2 standby + 1 more
    try {
      await driver.apply(driver.plan(await driver.status(), 3));
      cluster.runControllers();
      cluster.runControllers();
      expect(await driver.status()).toMatchObject({ active: 2, desired: 3 });
    } finally {
      await teardown();
    }
  });

  it('plans from desired, so a scale-up still starting is not asked for twice', async () => {
    const { cluster, driver, teardown } = await setupKubernetes();
    try {
      await driver.apply(driver.plan(await driver.status(), 3));
      const plan = driver.plan(await driver.status(), 4);
      expect(plan).toMatchObject({ from: 3, to: 4 });
      await driver.apply(plan, act('scale_by'));
      expect(cluster.deployment('shop', 'web')!.replicas).toBe(4);
    } finally {
      await teardown();
    }
  });

  it('handles 0 replicas, which the API server sends as `spec: {}`', async () => {
    const { api, cluster, driver, teardown } = await setupKubernetes();
    try {
      await driver.apply(driver.plan(await driver.status(), 0));
      cluster.runControllers();
      api.requests.length = 0;
      expect(await driver.status()).toEqual({ active: 0, standby: 2, desired: 0, holds: 2 });
      await driver.apply(driver.plan(await driver.status(), 2));
      expect(cluster.deployment('shop', 'web')!.replicas).toBe(2);
    } finally {
      await teardown();
    }
  });

  it('on 409 Conflict reads again and keeps an absolute target (scale_to)', async () => {
    const { api, cluster, driver, teardown } = await setupKubernetes();
    try {
      const plan = driver.plan(await driver.status(), 4);
      api.interleave(() => cluster.setReplicas('shop', 'web', 2)); // kubectl scale between the driver's read and write
      api.requests.length = 0;
      await driver.apply(plan, act('scale_to'));
      const puts = api.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/web/scale'));
      expect(puts).toHaveLength(2);
      expect(cluster.deployment('shop', 'web')!.replicas).toBe(4);
    } finally {
      await teardown();
    }
  });

  it('on 409 Conflict applies a relative change on top of the other writer’s, instead of overwriting it', async () => {
    const { api, cluster, driver, logger, teardown } = await setupKubernetes();
    try {
      const plan = driver.plan(await driver.status(), 3); // activate 2 shadow units: 1 → 3
      api.interleave(() => cluster.setReplicas('shop', 'web', 2)); // an HPA added one meanwhile
      await driver.apply(plan, act('activate_shadow'));
      expect(cluster.deployment('shop', 'web')!.replicas).toBe(4);
      expect(logger.entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['kubernetes scale conflict; reading again', 'kubernetes deployment changed since the plan; applying the change on top']));
    } finally {
      await teardown();
    }
  });

  it('keeps both changes when two webhook replicas scale the same Deployment at once', async () => {
    const { cluster, driver, makeDriver, teardown } = await setupKubernetes();
    try {
      const other = makeDriver();
      const [planA, planB] = [driver.plan(await driver.status(), 2), other.plan(await other.status(), 2)];
      await Promise.all([driver.apply(planA, act('scale_by')), other.apply(planB, act('scale_by'))]);
      expect(cluster.deployment('shop', 'web')!.replicas).toBe(3);
    } finally {
      await teardown();
    }
  });

  it('keeps every change when four webhook replicas write at once, each conflict read again', async () => {
    const { cluster, makeDriver, logger, teardown } = await setupKubernetes({ serving: 2 });
    try {
      const writers = [makeDriver(), makeDriver(), makeDriver(), makeDriver()];
      const plans = await Promise.all(writers.map(async (d) => d.plan(await d.status(), 3)));
      await Promise.all(writers.map((d, i) => d.apply(plans[i]!, act('scale_by'))));
      expect(cluster.deployment('shop', 'web')!.replicas).toBe(6);
      const conflicts = logger.entries.filter((e) => e.msg === 'kubernetes scale conflict; reading again').length;
      expect(conflicts).toBeGreaterThan(0);
      expect(conflicts).toBeLessThanOrEqual(3 + 2 + 1); // the n-th writer to land can meet at most n - 1 conflicts
    } finally {
      await teardown();
    }
  });

  it('gives up after conflictRetries conflicts, naming the cause', async () => {
    const { api, cluster, driver, teardown } = await setupKubernetes({ driver: { conflictRetries: 1 } });
    try {
      const plan = driver.plan(await driver.status(), 4);
      api.interleave(() => cluster.setReplicas('shop', 'web', 2));
      const writer = () => api.interleave(() => cluster.setReplicas('shop', 'web', 3));
      api.interleave(writer); // the second write meets another writer too
      await expect(driver.apply(plan, act('scale_to'))).rejects.toThrow('Kubernetes API PUT deployments/web/scale in shop answered 409 Conflict 2 times: other writers keep changing it');
    } finally {
      await teardown();
    }
  });

  it('detects, on the next status read, activations another writer undid', async () => {
    const { cluster, driver, logger, teardown } = await setupKubernetes();
    try {
      await driver.apply(driver.plan(await driver.status(), 3), act('activate_shadow'));
      cluster.setReplicas('shop', 'web', 1); // e.g. a GitOps sync re-applying `replicas: 1`
      expect(await driver.status()).toMatchObject({ desired: 1, lost: 2 });
      expect(logger.entries.filter((e) => e.msg.startsWith('kubernetes activations lost'))).toEqual([expect.objectContaining({ level: 'warn', set: 3, now: 1 })]);
    } finally {
      await teardown();
    }
  });

  it('keeps activations through an eviction: the serving Deployment replaces its pod', async () => {
    const { cluster, driver, teardown } = await setupKubernetes();
    try {
      await driver.apply(driver.plan(await driver.status(), 3), act('activate_shadow'));
      cluster.runControllers();
      cluster.runControllers();
      cluster.evict('shop', cluster.podsOf(cluster.deployment('shop', 'web')!)[0]!.name);
      expect(await driver.status()).toMatchObject({ active: 2, desired: 3 });
      cluster.runControllers();
      cluster.runControllers();
      const after = await driver.status();
      expect(after).toMatchObject({ active: 3, desired: 3 });
      expect(after.lost).toBeUndefined();
    } finally {
      await teardown();
    }
  });

  it('hands warm standby capacity to new serving pods, then refills standby once they are Ready', async () => {
    const { cluster, driver, teardown } = await setupKubernetes({ controllers: true });
    try {
      const seen: number[] = [];
      const standby = cluster.deployment('shop', 'web-standby')!;
      const watch = setInterval(() => seen[seen.length - 1] !== standby.replicas && seen.push(standby.replicas), 1);
      const after = await driver.apply(driver.plan(await driver.status(), 3), act('activate_shadow'));
      clearInterval(watch);
      expect(after).toMatchObject({ active: 3, desired: 3 });
      expect(seen).toEqual([2, 0, 2]);
      expect(standby.replicas).toBe(2);
    } finally {
      await teardown();
    }
  });
});
