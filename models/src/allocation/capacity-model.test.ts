import { CapacityModel, type CapacitySample } from './capacity-model';

describe('tier 1 capacity model', () => {
  it('sizes hosts from a nominal capacity at a target utilisation', () => {
    const m = CapacityModel.nominal(4.05);
    expect(m.hostsFor(405, 1)).toBe(100); // exact boundary is not rounded up
    expect(m.hostsFor(406, 1)).toBe(101);
    expect(m.hostsFor(405, 0.5)).toBe(200);
    expect(m.hostsFor(0, 1)).toBe(1);
    expect(() => m.hostsFor(10, 0)).toThrow('targetUtilisation must be in (0, 1], got 0');
  });

  it('learns busy hosts = intercept + slope · traffic robustly, ignoring outliers and saturated samples', () => {
    const samples: CapacitySample[] = [];
    for (let i = 1; i <= 200; i++) {
      const requests = 50 * i;
      const hosts = Math.ceil(requests / 400) + 2;
      // 0.5 busy hosts of background work, 1 busy host per 500 requests per minute
      samples.push({ requests, hosts, utilisation: (0.5 + requests / 500) / hosts });
    }
    samples.push({ requests: 100, hosts: 1, utilisation: 0.9 }, { requests: 9000, hosts: 20, utilisation: 0.05 }); // outliers
    samples.push({ requests: 50000, hosts: 10, utilisation: 1 }); // saturated: real demand unseen
    const m = CapacityModel.fit(samples)!;
    expect(m.capacityPerHost).toBeCloseTo(500, 6);
    expect(m.intercept).toBeCloseTo(0.5, 6);
    expect(m.hostsFor(10000, 0.8)).toBe(Math.ceil((0.5 + 20) / 0.8));
  });

  it('refuses to fit on too few usable samples', () => {
    expect(CapacityModel.fit([{ requests: 10, hosts: 1, utilisation: 0.5 }])).toBeUndefined();
    expect(() => CapacityModel.nominal(0)).toThrow('capacityPerHost must be > 0, got 0');
  });
});
