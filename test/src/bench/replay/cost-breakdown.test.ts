import type { TimelineRow } from '@shadowfleet/models';
import { addBreakdowns, costBreakdown, oracleHostsOn } from './cost-breakdown';

/** Timeline rows from per-minute columns; cost = serving + booting + activating + ks × standby unless given. */
function rows(demand: number[], serving: number[], extra: { booting?: number[]; standby?: number[]; cost?: number[] } = {}, ks = 0.1): TimelineRow[] {
  return demand.map((d, t) => {
    const booting = extra.booting?.[t] ?? 0;
    const standby = extra.standby?.[t] ?? 0;
    return { minute: t, requests: d, demand: d, serving: serving[t], booting, standby, activating: 0, cost: extra.cost?.[t] ?? serving[t] + booting + ks * standby };
  });
}

describe('costBreakdown: where host-minutes go against the oracle', () => {
  it('bridges an idle gap shorter than the cold start and relaunches after a longer one, as oracleCost prices it', () => {
    expect(Array.from(oracleHostsOn([2, 1, 1, 2], 3))).toEqual([2, 2, 2, 2]);
    expect(Array.from(oracleHostsOn([2, 1, 1, 1, 2], 3))).toEqual([2, 1, 1, 1, 2]);
    const b = costBreakdown(rows([2, 1, 1, 2], [2, 2, 2, 2]), 0, 4, { capacity: 1, coldStart: 3, shadowCost: 0.1 });
    expect(b).toMatchObject({ need: 6, oracle: 8, oracle_bridging: 2, oracle_boots: 0, bridged: 2, short: 0, margin: 0 });
  });

  it('counts unserved need as short and serving within the oracle\'s bridging as bridged', () => {
    const b = costBreakdown(rows([2, 1, 1, 2], [1, 2, 1, 2]), 0, 4, { capacity: 1, coldStart: 3, shadowCost: 0.1 });
    expect(b).toMatchObject({ need: 6, short: 1, bridged: 1, anticipation: 0, scale_in_lag: 0, margin: 0, measurement: 0, cost: 6, minutes_at_one_host: 2 });
  });

  it('counts the rounding up of each minute to whole hosts inside the need', () => {
    const tl = rows([2, 1], [2, 1]).map((r, t) => ({ ...r, requests: [1.5, 0.25][t] }));
    expect(costBreakdown(tl, 0, 2, { capacity: 1, coldStart: 3, shadowCost: 0.1 }).need_rounding).toBeCloseTo(0.5 + 0.75, 12);
  });

  it('splits serving above the oracle into anticipation, scale-in lag and margin, and the rest into boots, standby and measurement', () => {
    const demand = [1, 1, 1, 1, 3, 1, 1, 1];
    const serving = [2, 1, 3, 3, 3, 3, 3, 1];
    const b = costBreakdown(rows(demand, serving, { booting: [0, 2, 0, 0, 0, 0, 0, 0], standby: [0, 0, 0, 0, 0, 0, 0, 2], cost: [2, 3, 3, 3, 3, 3, 3, 1.7] }), 0, 8, { capacity: 1, coldStart: 2, shadowCost: 0.1 });
    // minute 0: one host above the oracle with no peak ahead (within Lc + 1) or behind: margin
    // minutes 2–3: two hosts up to the peak at minute 4: anticipation; minutes 5–6: two hosts after it: scale-in lag
    expect(b).toMatchObject({ need: 10, oracle: 14, oracle_boots: 4, short: 0, margin: 1, anticipation: 4, scale_in_lag: 4, booting: 2 });
    expect(b.standby).toBeCloseTo(0.2, 12);
    expect(b.measurement).toBeCloseTo(0.5, 12); // minute 7 billed 1.7 against 1 serving + 0.2 standby
    expect(b.cost).toBeCloseTo(21.7, 12);
    const pooled = addBreakdowns([b, b]);
    expect(pooled.need).toBe(20);
    expect(pooled.cost).toBeCloseTo(43.4, 12);
  });

  it('looks back before the segment for the scale-in lag', () => {
    const tl = rows([4, 1, 1], [4, 3, 1]);
    expect(costBreakdown(tl, 1, 3, { capacity: 1, coldStart: 2, shadowCost: 0.1 })).toMatchObject({ minutes: 2, need: 2, scale_in_lag: 2, margin: 0 });
  });
});
