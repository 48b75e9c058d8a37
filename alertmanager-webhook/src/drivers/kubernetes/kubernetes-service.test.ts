import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../../config/load';
import { startService } from '../../service';
import { makeAlert } from '../../testing/alerts';
import { memoryLogger } from '@shadowfleet/service-kit/testing';
import { setupKubernetes } from './testing/harness';

const TOKEN = 'kubernetes-service-token-0123';
const envelope = { version: '4', groupKey: '{}:{}', truncatedAlerts: 0, receiver: 'shadowfleet', status: 'firing', groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://am' };
const deliver = (url: string, alerts: unknown[]) =>
  fetch(`${url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ ...envelope, alerts }) });

/** The whole webhook (HTTP, intent log, engine, metrics) driving the fake cluster through the kubernetes driver. */
describe('webhook service with a kubernetes pool', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-kube-service-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function start(k: Awaited<ReturnType<typeof setupKubernetes>>, options: Record<string, unknown> = {}) {
    const config = parseConfig({
      port: 0,
      dataDir,
      auth: { type: 'bearer', token: TOKEN },
      pools: {
        web: {
          driver: 'kubernetes',
          min: 1,
          max: 10,
          cooldownSeconds: 0,
          scaleBack: { delaySeconds: 0 },
          options: { kubeconfig: k.kubeconfig, namespace: 'shop', deployment: 'web', standby: { deployment: 'web-standby', replicas: 2 }, readyPollSeconds: 0.01, readyTimeoutSeconds: 10, ...options },
        },
      },
    });
    return startService({ config, logger: memoryLogger() });
  }

  it('activates shadow units on a firing alert, reports Ready and desired units, and scales back on resolution', async () => {
    const k = await setupKubernetes({ controllers: true });
    const service = await start(k);
    try {
      const firing = makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web', tier: '3' }, { annotations: { count: '2' } });
      expect((await deliver(service.url, [firing])).status).toBe(200);
      await service.engine.idle();
      expect([k.cluster.deployment('shop', 'web')!.replicas, k.cluster.readyPods('shop', 'web'), k.cluster.deployment('shop', 'web-standby')!.replicas]).toEqual([3, 3, 2]);
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toContain('shadowfleet_webhook_pool_units{pool="web",driver="kubernetes",state="active"} 3');
      expect(metrics).toContain('shadowfleet_webhook_pool_desired_units{pool="web",driver="kubernetes"} 3');
      expect(metrics).toContain('shadowfleet_webhook_pool_lost_units{pool="web",driver="kubernetes"} 0');
      await deliver(service.url, [{ ...firing, status: 'resolved', endsAt: '2026-11-27T18:00:00Z' }]);
      await new Promise((r) => setTimeout(r, 50));
      await service.engine.idle();
      expect(k.cluster.deployment('shop', 'web')!.replicas).toBe(1);
    } finally {
      await service.stop(5000);
      await k.teardown();
    }
  });

  it('after a crash while replicas were still starting, completes the intent instead of applying it again', async () => {
    const k = await setupKubernetes();
    k.cluster.podQuota.set('shop', 4); // 1 serving + 2 standby pods: room for one more, the second new replica stays uncreated
    k.cluster.startControllers(5);
    const first = await start(k, { readyTimeoutSeconds: 600, standby: undefined });
    const second = { service: undefined as Awaited<ReturnType<typeof start>> | undefined };
    try {
      await deliver(first.url, [makeAlert({ shadowfleet_action: 'scale_to', pool: 'web', tier: '2' }, { annotations: { target: '3' } })]);
      const deadline = Date.now() + 10_000;
      while (k.cluster.readyPods('shop', 'web') < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(await first.stop(0)).toMatchObject({ interrupted: 1 }); // still waiting for the third Ready pod
      expect([k.cluster.deployment('shop', 'web')!.replicas, k.cluster.readyPods('shop', 'web')]).toEqual([3, 2]);
      second.service = await start(k, { standby: undefined });
      expect(second.service.reconciled).toMatchObject({ completed: 1, reapplied: 0, abandoned: 0 });
      expect(k.cluster.deployment('shop', 'web')!.replicas).toBe(3);
    } finally {
      await second.service?.stop(5000);
      await k.teardown();
    }
  });
});
