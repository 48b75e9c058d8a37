import path from 'node:path';
import { Registry } from 'prom-client';
import { analyseShadowFleet, loadAugursSync, plannedStandbyAt, plannedUpperHostsAt, type ShadowFleetPlan } from '@shadowfleet/models';
import { sampleDataDir } from '../paths';
import { readTraceFile } from '../sim/trace-file';
import { dryRun } from './dry-run';
import { planHostsAt } from './plan-standby';
import { registerTier3Metrics } from './router';
import { DecisionService } from './service';

const trace = readTraceFile(path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz'));
const startMs = trace.timestamps[0] * 1000;
const capacity = Math.max(...trace.requests) / 100;
const settings = { capacityPerHost: capacity, coldStartMinutes: 5, activationMinutes: 1, standbyCost: 0.1, pool: 'web' };
// The trend refresher's plan as it would stand after two days (same clock as the dry run's history).
const plan: ShadowFleetPlan = analyseShadowFleet(loadAugursSync(), { startMs, stepMs: 60_000, values: trace.requests.slice(0, 2880) }, {
  plan: { capacityPerHost: capacity, coldStartMinutes: 5, horizonHours: 24, templates: [{ name: 'general', stack: 'default', profiles: [] }] },
}).plan;
const history = trace.requests.slice(0, 3000);
const comingMs = startMs + 3000 * 60_000;

describe('tier 3 of the dry run and the trend plan', () => {
  it('acts on its own pool by default and shows the plan\'s beside it', () => {
    const run = dryRun(history, startMs, settings, undefined, plan);
    const planned = plannedStandbyAt(plan, comingMs, 5)!;
    expect(run.latest.combined.standbySizing).toBe('self');
    const net = Math.max(0, plannedUpperHostsAt(plan, comingMs, 5)! - run.latest.combined.servingAtColdStart);
    expect(run.tier3_standby).toEqual({
      sizing: 'self',
      self_sized_hosts: run.latest.tiers[2].hosts,
      plan_hosts: planned,
      plan_net_hosts: net,
      plan_start: new Date(startMs + 2880 * 60_000).toISOString(),
    });
    expect(planned).not.toBe(run.latest.tiers[2].hosts); // the two sizings differ here, so the test tells them apart
    expect(run.decisions.find((d) => d.action === 'plan standby hosts')).toMatchObject({ tier: 3, hosts: planned, explanation: expect.stringContaining('not acted on') });
    expect(run.decisions.find((d) => d.action === 'plan-net standby hosts')).toMatchObject({ tier: 3, hosts: net });
    expect(run.decisions.find((d) => d.action === 'self-sized standby hosts')).toBeUndefined();
  });

  it('keeps the plan\'s pool with tier3Sizing plan, self-sized before the plan starts', () => {
    const run = dryRun(history, startMs, { ...settings, tier3Sizing: 'plan' }, undefined, plan);
    expect(run.latest.combined.standbySizing).toBe('plan');
    expect(run.latest.tiers[2]).toMatchObject({ hosts: plannedStandbyAt(plan, comingMs, 5), reason: expect.stringContaining('trend plan from') });
    expect(run.tier3_standby.sizing).toBe('plan');
    expect(run.decisions.find((d) => d.action === 'self-sized standby hosts')?.hosts).toBe(run.tier3_standby.self_sized_hosts);
    // Without a plan the same setting falls back to the self-sized pool.
    const none = dryRun(history, startMs, { ...settings, tier3Sizing: 'plan' });
    expect(none.tier3_standby).toMatchObject({ sizing: 'self', plan_hosts: null, plan_net_hosts: null });
  });

  it('keeps the plan\'s upper-bound hosts net of its serving pool with tier3Sizing plan-net', () => {
    const run = dryRun(history, startMs, { ...settings, tier3Sizing: 'plan-net' }, undefined, plan);
    const net = Math.max(0, plannedUpperHostsAt(plan, comingMs, 5)! - run.latest.combined.servingAtColdStart);
    expect(run.latest.combined).toMatchObject({ standbySizing: 'plan-net', standby: net });
    expect(run.tier3_standby).toMatchObject({ sizing: 'plan-net', plan_net_hosts: net, plan_hosts: plannedStandbyAt(plan, comingMs, 5) });
  });

  it('rescales the plan to the dry run\'s capacity per host', () => {
    const hosts = plannedStandbyAt(plan, comingMs, 5)!;
    expect(planHostsAt(plan, comingMs, 5, capacity)).toBe(hosts);
    expect(planHostsAt(plan, comingMs, 5, capacity / 2)).toBe(2 * hosts);
    expect(planHostsAt(plan, startMs, 5, capacity)).toBeUndefined(); // before the plan
  });

  it('publishes shadowfleet_tier3_standby_hosts for both sizings', async () => {
    const registry = new Registry();
    const service = new DecisionService({ history: async () => ({ values: history, startMs }), settings, plan: () => plan, now: () => comingMs });
    registerTier3Metrics(registry, service);
    const run = (await service.latest())!;
    const text = await registry.metrics();
    expect(text).toContain(`shadowfleet_tier3_standby_hosts{pool="web",sizing="self"} ${run.tier3_standby.self_sized_hosts}`);
    expect(text).toContain(`shadowfleet_tier3_standby_hosts{pool="web",sizing="plan"} ${run.tier3_standby.plan_hosts}`);
    expect(text).toContain(`shadowfleet_tier3_standby_hosts{pool="web",sizing="plan-net"} ${run.tier3_standby.plan_net_hosts}`);
  });
});
