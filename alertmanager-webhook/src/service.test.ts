import { parseConfig } from './config/load';
import { startService } from './service';
import { makeAlert } from './testing/alerts';
import { commandPool } from './testing/command-pool';
import { servedBy, startBackend, startHaproxy, type BackendProcess } from './drivers/haproxy/testing/haproxy-process';
import { memoryLogger } from '@shadowfleet/service-kit/testing';

const TOKEN = 'service-test-token-0123';
const accept = (url: string, alerts: unknown[]) =>
  fetch(`${url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ ...notificationEnvelope, alerts }) });
const notificationEnvelope = { version: '4', groupKey: '{}:{}', truncatedAlerts: 0, receiver: 'shadowfleet', status: 'firing', groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://am' };

describe('webhook service', () => {
  it('survives a crash mid-action: after restart the change is applied exactly once and redeliveries are duplicates', async () => {
    const pools = commandPool({ web: 2 }, { SET_DELAY_MS: '2000' });
    const config = parseConfig({ port: 0, dataDir: pools.dataDir, auth: { type: 'bearer', token: TOKEN }, pools: { web: pools.pool('web') } });
    try {
      const alert = makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' }, { annotations: { count: '2' } });
      const first = await startService({ config, logger: memoryLogger() });
      expect((await accept(first.url, [alert])).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(await first.stop(0)).toMatchObject({ finished: false, interrupted: 1 });
      expect(pools.applies()).toBe(0);

      const second = await startService({ config, logger: memoryLogger() });
      try {
        expect(second.reconciled).toMatchObject({ reapplied: 1 });
        expect(pools.sizes().web).toBe(4);
        const again = (await (await accept(second.url, [alert])).json()) as { results: { reason?: string }[] };
        expect(again.results[0]?.reason).toBe('duplicate');
        await second.engine.idle();
        expect(pools.applies()).toBe(1);
      } finally {
        await second.stop(5000);
      }
    } finally {
      pools.cleanup();
    }
  });

  describe('with a real HAProxy', () => {
    let backends: BackendProcess[] = [];
    beforeAll(async () => {
      backends = await Promise.all(['s1', 's2', 's3'].map((n) => startBackend(n)));
    });
    afterAll(async () => {
      await Promise.all(backends.map((b) => b.stop()));
    });

    it('turns a firing alert into traffic on a shadow server, and the resolved alert back into maintenance', async () => {
      const haproxy = await startHaproxy(backends, ['s2', 's3']);
      const pools = commandPool({});
      const config = parseConfig({
        port: 0,
        dataDir: pools.dataDir,
        auth: { type: 'bearer', token: TOKEN },
        pools: { web: { driver: 'haproxy', min: 1, max: 3, cooldownSeconds: 0, scaleBack: { delaySeconds: 0 }, options: { socket: haproxy.socket, backend: 'web', servers: ['s1', 's2', 's3'], drainTimeoutSeconds: 2 } } },
      });
      const service = await startService({ config, logger: memoryLogger() });
      try {
        const firing = makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web', tier: '3' });
        await accept(service.url, [firing]);
        await service.engine.idle();
        expect([...(await servedBy(haproxy.frontendPort, 6))].sort()).toEqual(['s1', 's2']);
        await accept(service.url, [{ ...firing, status: 'resolved', endsAt: '2026-11-27T18:00:00Z' }]);
        await new Promise((r) => setTimeout(r, 50));
        await service.engine.idle();
        expect([...(await servedBy(haproxy.frontendPort, 6))]).toEqual(['s1']);
      } finally {
        await service.stop(5000);
        await haproxy.stop();
        pools.cleanup();
      }
    });
  });
});
