import { ResourceManager } from './manager';
import type { ExternalForecast, ManagedFleet } from './types';

const settings = { capacityPerHost: 10, coldStartMinutes: 5, activationMinutes: 1, standbyCost: 0.1 };
const idle = (serving: number): ManagedFleet => ({ serving, bootingReadyIn: [], shadowBootingReadyIn: [], standby: 0, activatingReadyIn: [] });
const flat = (perMinute: number, horizons = 6): ExternalForecast => ({ source: 'behaviour', perMinute: (h) => (h <= horizons ? perMinute : undefined) });

describe('resource manager with an external forecast', () => {
  const steady = (): ResourceManager => {
    const m = new ResourceManager(settings);
    for (let i = 0; i < 300; i++) m.observe({ requests: 100 });
    return m;
  };

  it('tier 2 sizes for the external forecast when it is above its own quantile forecast', () => {
    const own = steady().decide(idle(10));
    const d = steady().decide(idle(10), undefined, flat(300));
    expect(own.tiers[1].hosts).toBe(10);
    expect(d.tiers[1].hosts).toBe(30);
    expect(d.tiers[1].numbers).toMatchObject({ external_forecast: 300, now_hosts: 30, at_activation_hosts: 30 });
    expect(d.tiers[1].reason).toMatch(/larger of the 0.98 forecast quantile and the behaviour forecast/);
    expect(d.actions.launch).toBeGreaterThan(0);
  });

  it('an external forecast below its own changes nothing, nor does one without an opinion', () => {
    const own = steady().decide(idle(10));
    expect(steady().decide(idle(10), undefined, flat(20)).actions).toEqual(own.actions);
    expect(steady().decide(idle(10), undefined, flat(1000, 0)).actions).toEqual(own.actions);
    expect(steady().decide(idle(10), undefined, { source: 'x', perMinute: () => NaN }).actions).toEqual(own.actions);
  });
});
