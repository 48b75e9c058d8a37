import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import { freePort } from '@shadowfleet/service-kit/testing';
import type { PoolDecision } from '../allocation/decision';
import type { ManagerService } from '../allocation/manager-service';
import { registerManagerMetrics } from '../allocation/metrics';
import { HostAgent } from '../hosts/host-agent';
import { silentProgress } from '../progress';
import { PROMETHEUS, requireBinary } from '../stack/binaries';
import { startChild, waitReady, type Child } from '../stack/children';
import { localPrometheusConfig } from '../stack/configs';
import { startReplayHaproxy, type ReplayHaproxy } from './haproxy';
import { followPoolTarget, queryPoolTarget } from './pool-target';

jest.setTimeout(60_000);

/** The parts of a decision the manager's gauges read, for the targets of one step. */
function decision(serving: number, standby: number): PoolDecision {
  return {
    at: new Date().toISOString(),
    pool: 'web',
    step_seconds: 60,
    policy_version: 1,
    desired: { serving, standby, tier: '3', tier_name: 'shadow', by_tier: { '1': 1, '2': 1, '3': serving + standby } },
    load: { last_step: 0 },
    forecast: null,
    capacity: { per_host: 1, configured: 1, learned: null },
  } as unknown as PoolDecision;
}

/**
 * What a standby provider follows, through the real parts: the exporter's own manager gauges (a decision
 * at a time), a real Prometheus with the shipped rules scraping them every 250 ms, and the host agent as
 * the provider reading shadowfleet:desired_pool_hosts from it, in front of a real HAProxy whose servers
 * the test turns ready or to maintenance as the webhook does, after Prometheus has the new target.
 */
describe('a provider following shadowfleet:desired_pool_hosts through Prometheus', () => {
  let dir: string;
  let latest = decision(1, 1);
  let exporter: http.Server;
  let prometheus: Child;
  let promUrl: string;
  let lb: ReplayHaproxy;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-pool-target-'));
    const registry = new Registry();
    registerManagerMetrics(registry, { latest: () => [latest], poolModel: { complexityUnit: 'cost', pools: {} }, stepMs: 60_000 } as unknown as ManagerService);
    exporter = http.createServer((_req, res) => void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text)));
    await new Promise<void>((r) => exporter.listen(0, '127.0.0.1', r));
    const promAddress = `127.0.0.1:${await freePort()}`;
    const config = path.join(dir, 'prometheus.yml');
    const exporterAddress = `127.0.0.1:${(exporter.address() as AddressInfo).port}`;
    writeFileSync(config, localPrometheusConfig({ exporter: exporterAddress, prometheus: promAddress }, { scrape: '250ms', evaluation: '250ms', ruleFiles: [path.join(__dirname, '..', '..', '..', 'provisioning', 'prometheus', 'rules', '*.yml')] }));
    const args = [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'tsdb')}`, `--web.listen-address=${promAddress}`, '--log.level=warn'];
    prometheus = startChild('prometheus', requireBinary(PROMETHEUS), args, silentProgress);
    promUrl = `http://${promAddress}`;
    await waitReady(prometheus, `${promUrl}/-/ready`);
    lb = await startReplayHaproxy({ port: await freePort(), backend: 'web', addresses: ['127.0.0.1:9', '127.0.0.1:9', '127.0.0.1:9', '127.0.0.1:9'], serving: 1, queueTimeoutMs: 100, dir }, silentProgress);
  });
  afterAll(async () => {
    await lb?.stop();
    await prometheus?.stop();
    await new Promise((r) => exporter?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Polls the agent until Prometheus's rules have `serving` as the target (the webhook acts only then); returns every pool sample and rule value seen. */
  async function untilPrometheusHas(agent: HostAgent, serving: number): Promise<{ samples: object[]; toHold: Array<number | undefined> }> {
    const seen = { samples: [] as object[], toHold: [] as Array<number | undefined> };
    const deadline = Date.now() + 20_000;
    for (;;) {
      seen.samples.push((await agent.poll()) ?? {});
      seen.toHold.push(await queryPoolTarget(promUrl, 'web'));
      const body = (await (await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent('shadowfleet:desired_serving_hosts{pool="web"}')}`)).json()) as { data: { result: Array<{ value: [number, string] }> } };
      if (Number(body.data.result[0]?.value[1]) === serving) return seen;
      if (Date.now() > deadline) throw new Error(`Prometheus never had serving target ${serving}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('is serving + standby of the decision, unmoved by an activation and a release, and the provider keeps and counts the warm host', async () => {
    const deadline = Date.now() + 20_000;
    while ((await queryPoolTarget(promUrl, 'web')) !== 2) {
      if (Date.now() > deadline) throw new Error('Prometheus never recorded shadowfleet:desired_pool_hosts');
      await new Promise((r) => setTimeout(r, 100));
    }
    const target = followPoolTarget(promUrl, 'web', 2, 100);
    try {
      // Cold starts take far longer than the test: a booted standby host would show as standbyBooting.
      const agent = new HostAgent({ backend: 'web', servers: 4, coldStartMs: 600_000, activationMs: 1000, standbyCost: 0.1, command: lb.command, poolTarget: target.read, log: () => undefined }, 1, 1);
      expect(await agent.poll()).toMatchObject({ serving: 1, standby: 1, standbyBooting: 0 });

      // The manager activates its one standby host without refilling: serving 1 → 2, standby 1 → 0.
      latest = decision(2, 0);
      const activation = await untilPrometheusHas(agent, 2);
      expect(new Set(activation.toHold)).toEqual(new Set([2]));
      for (const s of activation.samples) expect(s).toMatchObject({ standby: 1, standbyBooting: 0 });
      await lb.command('set server web/h2 state ready');
      expect(await agent.poll()).toMatchObject({ serving: 1, starting: 1, standby: 0, standbyBooting: 0 });
      expect(agent.starts).toEqual({ warm: 1, cold: 0 });

      // It returns the host to standby: serving 2 → 1, standby 0 → 1. Nothing boots for the host on its way back.
      latest = decision(1, 1);
      const release = await untilPrometheusHas(agent, 1);
      expect(new Set(release.toHold)).toEqual(new Set([2]));
      for (const s of release.samples) expect(s).toMatchObject({ standby: 0, standbyBooting: 0 });
      await lb.command('set server web/h2 state maint');
      expect(await agent.poll()).toMatchObject({ serving: 1, starting: 0, standby: 1, standbyBooting: 0 });
    } finally {
      target.stop();
    }
  });
});
