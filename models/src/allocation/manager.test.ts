import { ResourceManager } from './manager';
import type { ManagedFleet } from './types';

const settings = { capacityPerHost: 10, coldStartMinutes: 5, activationMinutes: 1, standbyCost: 0.1 };
const idle = (serving: number, standby = 0): ManagedFleet => ({ serving, bootingReadyIn: [], shadowBootingReadyIn: [], standby, activatingReadyIn: [] });

describe('resource manager', () => {
  it('explains every decision: each tier, its forecast and numbers, and the combining rule', () => {
    const m = new ResourceManager(settings);
    for (let i = 0; i < 300; i++) m.observe({ requests: 100 + (i % 7) });
    const d = m.decide(idle(11));
    expect(d.tiers.map((t) => [t.tier, t.pool])).toEqual([[1, 'serving'], [2, 'serving'], [3, 'standby']]);
    expect(d.tiers[0].hosts).toBe(11); // 105 requests at 10 per host
    expect(d.tiers[1].forecast).toMatchObject({ horizon: 6, quantile: 0.98 });
    expect(d.tiers[2].forecast).toMatchObject({ quantile: 0.99 });
    expect(d.combined.rule).toMatch(/never add up/);
    expect(d.combined.servingNow).toBeGreaterThanOrEqual(11);
  });

  it('activates standby hosts when traffic climbs and returns them when it falls', () => {
    const m = new ResourceManager(settings);
    for (let i = 0; i < 300; i++) m.observe({ requests: 100 });
    m.observe({ requests: 200 });
    expect(m.decide(idle(10, 10)).actions.activate).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < 30; i++) m.observe({ requests: 50 });
    const down = m.decide(idle(20, 0)).actions;
    expect(down.toStandby).toBeGreaterThan(0);
    expect(down.launch).toBe(0);
  });

  it('learns the capacity from observed hosts and utilisation (tier 1)', () => {
    const m = new ResourceManager({ ...settings, refitMinutes: 60 });
    expect(m.capacityModel.capacityPerHost).toBe(10);
    // The hosts really serve 20 requests per minute each: utilisation shows it.
    for (let i = 0; i < 60; i++) m.observe({ requests: 100 + i, hosts: 10, utilisation: (100 + i) / 200 });
    expect(m.capacityModel.capacityPerHost).toBeCloseTo(20, 6);
    expect(m.decide(idle(10)).tiers[0].hosts).toBe(Math.ceil(159 / 20));
  });

  it('sizes tier 3 from the trend plan when given one, and reports the self-sized pool beside it', () => {
    const m = new ResourceManager(settings);
    for (let i = 0; i < 300; i++) m.observe({ requests: 100 + 20 * (i % 5) });
    const self = m.decide(idle(12));
    expect(self.combined.standbySizing).toBe('self');
    expect(self.tiers[2].numbers.plan_standby_hosts).toBeUndefined();
    const planned = m.decide(idle(12), { hosts: 7, source: 'plan of 01:00, hour 3' });
    expect(planned.combined).toMatchObject({ standby: 7, standbySizing: 'plan' });
    expect(planned.tiers[2]).toMatchObject({ hosts: 7, numbers: { plan_standby_hosts: 7, self_sized_standby_hosts: self.tiers[2].hosts } });
    expect(planned.tiers[2].reason).toContain('plan of 01:00, hour 3');
    expect(() => m.decide(idle(12), { hosts: 2.5, source: 'x' })).toThrow('plannedStandby.hosts must be a whole number ≥ 0, got 2.5');
    const net = m.decide(idle(12), { hosts: 7, upperHosts: 40, source: 'plan' });
    const serving = net.combined.servingAtColdStart;
    expect(net.combined).toMatchObject({ standby: 40 - serving, standbySizing: 'plan-net' });
    expect(net.tiers[2].numbers).toMatchObject({ plan_standby_hosts: 7, plan_upper_hosts: 40, plan_net_standby_hosts: 40 - serving });
    expect(() => m.decide(idle(12), { hosts: 1, upperHosts: -1, source: 'x' })).toThrow('plannedStandby.upperHosts must be a whole number ≥ 0, got -1');
  });

  it('rejects bad settings and deciding before any traffic', () => {
    expect(() => new ResourceManager({ ...settings, servingQuantile: 1.5 })).toThrow('servingQuantile must be in (0, 1), got 1.5');
    expect(() => new ResourceManager({ ...settings, coldStartMinutes: -1 })).toThrow(/coldStartMinutes must be a whole number/);
    expect(() => new ResourceManager(settings).decide(idle(1))).toThrow(/at least one observed minute/);
  });
});
