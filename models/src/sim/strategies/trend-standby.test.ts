import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ScalingDecision } from '../../allocation/types';
import { loadAugursSync } from '../../trend/augurs';
import { analyseShadowFleet } from '../../trend/pipeline';
import { plannedStandbyAt } from '../../trend/plan-lookup';
import { defaultCapacity } from '../demand';
import { simulate } from '../simulate';
import { parseTrace } from '../trace';
import { tieredStrategy } from './tiered';
import { trendStandbyPlan } from './trend-standby';

// Three real days of NASA traffic (data/samples/nasa-http-rate, see its README).
const sample = path.resolve(__dirname, '../../../../data/samples/nasa-http-rate/nasa_1995-07-01_to_03_requests_per_minute.csv.gz');

describe('tier 3 sized from the trend plan in the simulator (tiered-plan)', () => {
  const requests = parseTrace(gunzipSync(readFileSync(sample)).toString()).requests;
  const config = { capacity: defaultCapacity(requests), coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
  const augurs = loadAugursSync(readFileSync);

  function run(trace: number[]): { tier3: Map<number, ScalingDecision>; fits: number } {
    const tier3 = new Map<number, ScalingDecision>();
    const source = trendStandbyPlan(augurs);
    simulate(trace, tieredStrategy({ standbyPlan: source }, (t, d) => tier3.set(t, d)), config);
    return { tier3, fits: source.stats.fits };
  }
  const { tier3, fits } = run(requests);

  it('sizes its own pool until two days are observed, then keeps the plan fitted on the past minutes', () => {
    expect(fits).toBe(1); // at minute 2880; the next would be at 4320, after the trace
    expect(tier3.get(2879)!.combined.standbySizing).toBe('self');
    const plan = analyseShadowFleet(augurs, { startMs: 0, stepMs: 60_000, values: requests.slice(0, 2880) }, {
      report: { maxHistoryDays: 28 },
      plan: { capacityPerHost: config.capacity, coldStartMinutes: 5, horizonHours: 25, templates: [{ name: 'general', stack: 'default', profiles: [] }] },
    }).plan;
    for (const t of [2880, 3000, 3655, 4319]) {
      const d = tier3.get(t)!;
      expect(d.combined).toMatchObject({ standbySizing: 'plan', standby: plannedStandbyAt(plan, t * 60_000, 5) });
      expect(d.tiers[2].numbers.self_sized_standby_hosts).toBeGreaterThanOrEqual(0);
    }
    expect(new Set([...tier3.values()].filter((d) => d.combined.standbySizing === 'plan').map((d) => d.combined.standby)).size).toBeGreaterThan(1);
  });

  it('never looks ahead: changing the future leaves every earlier decision unchanged', () => {
    const changed = requests.map((r, i) => (i >= 3000 ? r * 5 : r));
    const other = run(changed).tier3;
    for (let t = 1; t <= 3000; t++) expect(other.get(t)!.combined).toEqual(tier3.get(t)!.combined);
    expect([...other.entries()].some(([t, d]) => t > 3000 && d.combined.servingNow !== tier3.get(t)!.combined.servingNow)).toBe(true);
  });

  it('with plan-net, keeps the plan\'s upper-bound hosts minus the serving pool', () => {
    const decisions = new Map<number, ScalingDecision>();
    simulate(requests, tieredStrategy({ standbyPlan: trendStandbyPlan(augurs, { sizing: 'plan-net' }) }, (t, d) => decisions.set(t, d)), config);
    for (const t of [2880, 3655, 4319]) {
      const d = decisions.get(t)!;
      expect(d.combined.standbySizing).toBe('plan-net');
      expect(d.combined.standby).toBe(Math.max(0, d.tiers[2].numbers.plan_upper_hosts - d.combined.servingAtColdStart));
    }
  });

  it('names itself and rejects bad options', () => {
    expect(tieredStrategy({ standbyPlan: trendStandbyPlan(augurs) }).name).toBe('tiered-plan');
    expect(() => trendStandbyPlan(augurs, { refitMinutes: 0 })).toThrow('refitMinutes must be a whole number ≥ 1, got 0');
    expect(() => trendStandbyPlan(augurs, { minHistoryDays: 1 })).toThrow('minHistoryDays must be ≥ 2 (two daily cycles), got 1');
  });
});
