import { elasticityMetrics, oracleCost } from './metrics';
import { demandSeries, defaultCapacity } from './demand';

describe('oracle cost', () => {
  // C = 1, so d_t = r_t; host 2 is needed at minutes 1 and 8 only.
  const demand = [1, 2, 1, 1, 1, 1, 1, 1, 2];
  it('charges Lc for every launch after minute 0', () => {
    // Σd = 11; host 2 launched for minute 1 (+3), idle gap of 6 ≥ Lc so relaunched for minute 8 (+3).
    expect(oracleCost(demand, 3)).toBe(17);
  });
  it('bridges an idle gap shorter than Lc by keeping the host', () => {
    // Lc = 7: first launch +7, the 6-minute gap is bridged (+6).
    expect(oracleCost(demand, 7)).toBe(24);
  });
  it('a gap exactly Lc long is not bridged (relaunching costs the same)', () => {
    expect(oracleCost([1, 2, 1, 1, 2], 2)).toBe(7 + 2 + 2);
  });
  it('hosts serving at minute 0 cost no launch', () => {
    expect(oracleCost([3, 3, 1], 5)).toBe(7);
  });
});

describe('elasticity metrics', () => {
  it('follows the formulas of BENCHMARKS.md section 1', () => {
    const requests = [10, 40, 20, 5];
    const demand = demandSeries(requests, 10); // [1, 4, 2, 1]
    expect(Array.from(demand)).toEqual([1, 4, 2, 1]);
    const supply = [1, 2, 3, 1];
    const m = elasticityMetrics({ requests, demand, supply, capacity: 10, cost: 12, oracleCost: 8 });
    expect(m.theta_U).toBeCloseTo((100 / 4) * (2 / 4), 10);
    expect(m.theta_O).toBeCloseTo((100 / 4) * (1 / 2), 10);
    expect(m.tau_U).toBe(25);
    expect(m.tau_O).toBe(25);
    expect(m.unserved_pct).toBeCloseTo((100 * 20) / 75, 10);
    expect(m.cost_ratio).toBe(1.5);
  });
  it('demand is at least one host, and the default capacity gives the peak 100 hosts', () => {
    expect(Array.from(demandSeries([0, 1, 405], defaultCapacity([0, 1, 405])))).toEqual([1, 1, 100]);
    expect(() => defaultCapacity([0, 0])).toThrow(/no requests/);
  });
});
