import { segmentMetrics } from '../sim/experiment';
import { simulate } from '../sim/simulate';
import type { DecisionContext, SimConfig, Strategy } from '../sim/types';
import { adaptiveStrategy } from './adaptive-strategy';
import { applyGuardRails, resolveGuardRails } from './arms';
import { seededRandom } from '../random';

/** Three days of a daily wave with noise: 600 … 1400 requests a minute. */
function dailyWave(days: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: days * 1440 }, (_, t) => Math.round(1000 + 400 * Math.sin((2 * Math.PI * t) / 1440) + 60 * (random() - 0.5)));
}

const config: SimConfig = { capacity: 20, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };

describe('adaptiveStrategy', () => {
  it.each([0, 0.384, 1.5])('measures each segment exactly as the simulator scores it, with actuation delay %s', (delay) => {
    const trace = dailyWave(2, 1);
    const s = adaptiveStrategy({ actuationDelay: delay, segmentMinutes: 240, arms: [{ targetUtilisation: 1, servingQuantile: 0.985, surgeQuantile: 0.99 }] });
    const run = simulate(trace, s, { ...config, actuationDelay: delay }, { timeline: true });
    expect(s.segments.length).toBe(trace.length / 240 - 1);
    for (const seg of s.segments) {
      const truth = segmentMetrics(run, seg.segment * 240, (seg.segment + 1) * 240);
      expect(seg.metrics.cost_host_minutes).toBeCloseTo(truth.cost_host_minutes, 6);
      expect(seg.metrics.tau_U).toBeCloseTo(truth.tau_U, 10);
      expect(seg.metrics.cost_ratio).toBeCloseTo(truth.cost_ratio, 10);
    }
  });

  it('scores wrongly when the delay is dropped: the books acting at once are not what the delayed pool measured', () => {
    const trace = dailyWave(2, 1);
    const arms = [{ targetUtilisation: 1, servingQuantile: 0.985, surgeQuantile: 0.99 }];
    const s = adaptiveStrategy({ actuationDelay: 0, segmentMinutes: 240, arms });
    const run = simulate(trace, s, { ...config, actuationDelay: 1.5 }, { timeline: true });
    const off = s.segments.filter((seg) => {
      const truth = segmentMetrics(run, seg.segment * 240, (seg.segment + 1) * 240);
      return seg.metrics.tau_U !== truth.tau_U || Math.abs(seg.metrics.cost_host_minutes - truth.cost_host_minutes) > 1e-6;
    });
    expect(off.length).toBeGreaterThan(0);
  });

  it('learns to avoid a planted expensive setting (half utilisation doubles the cost)', () => {
    const trace = dailyWave(3, 2);
    const s = adaptiveStrategy({
      actuationDelay: 0,
      segmentMinutes: 120,
      warmupMinutes: 240,
      arms: [
        { targetUtilisation: 0.5, servingQuantile: 0.985, surgeQuantile: 0.99 },
        { targetUtilisation: 1, servingQuantile: 0.985, surgeQuantile: 0.99 },
      ],
      guardRails: { maxTargetUtilisation: 1 },
    });
    simulate(trace, s, config);
    const stats = s.bandit.stats();
    expect(s.bandit.bestArm()).toBe(1);
    expect(stats[0].meanLoss).toBeGreaterThan(stats[1].meanLoss + 0.3);
    expect(stats[1].pulls).toBeGreaterThan(stats[0].pulls * 3);
  });

  it('never sets the manager below the guard rails, and never serves with fewer hosts than the minimum', () => {
    const rails = { minHosts: 3, minServingQuantile: 0.98, minSurgeQuantile: 0.99, maxTargetUtilisation: 0.9 };
    const s = adaptiveStrategy({
      actuationDelay: 0,
      segmentMinutes: 60,
      warmupMinutes: 120,
      guardRails: rails,
      arms: [
        { targetUtilisation: 1, servingQuantile: 0.5, surgeQuantile: 0.6 },
        { targetUtilisation: 0.95, servingQuantile: 0.9, surgeQuantile: 0.9 },
        { targetUtilisation: 0.8, servingQuantile: 0.99, surgeQuantile: 0.999 },
      ],
    });
    const seen: Array<NonNullable<ReturnType<typeof s.settings>>> = [];
    const checked: Strategy = {
      name: s.name,
      decide: (ctx: DecisionContext) => {
        const a = s.decide(ctx);
        seen.push(s.settings()!);
        return a;
      },
    };
    const trace = dailyWave(1, 3).slice(0, 720).map((r) => Math.round(r / 50));
    const run = simulate(trace, checked, config, { timeline: true });
    expect(new Set(s.segments.map((x) => x.arm)).size).toBe(3);
    for (const st of seen) {
      expect(st.servingQuantile).toBeGreaterThanOrEqual(0.98);
      expect(st.surgeQuantile).toBeGreaterThanOrEqual(0.99);
      expect(st.targetUtilisation).toBeLessThanOrEqual(0.9);
      expect(st.minHosts).toBeGreaterThanOrEqual(3);
    }
    // After the first cold start the fleet never serves with fewer than minHosts.
    expect(Math.min(...run.timeline!.slice(10).map((r) => r.serving))).toBeGreaterThanOrEqual(3);
    expect(s.arms[0]).toEqual(applyGuardRails({ targetUtilisation: 1, servingQuantile: 0.5, surgeQuantile: 0.6 }, resolveGuardRails(rails)));
    expect(s.arms[0]).toEqual({ targetUtilisation: 0.9, servingQuantile: 0.98, surgeQuantile: 0.99 });
  });

  it('rejects bad options naming the field', () => {
    expect(() => adaptiveStrategy({ actuationDelay: 0, segmentMinutes: 0 })).toThrow('segmentMinutes must be a whole number ≥ 2, got 0');
    expect(() => adaptiveStrategy({ actuationDelay: 0, arms: [] })).toThrow('arms must hold at least one parameter setting');
    expect(() => adaptiveStrategy({ actuationDelay: 0, arms: [{ targetUtilisation: 1, servingQuantile: 1.5, surgeQuantile: 0.99 }] })).toThrow(
      'arm 0: servingQuantile must be in (0, 1), got 1.5',
    );
    expect(() => adaptiveStrategy({ actuationDelay: 0, guardRails: { minHosts: -1 } })).toThrow('guard rail minHosts must be a whole number ≥ 0, got -1');
    expect(() => adaptiveStrategy({ actuationDelay: -1 })).toThrow('actuation delay must be a number of steps ≥ 0, got -1');
    expect(() => adaptiveStrategy({} as never)).toThrow('actuation delay must be a number of steps ≥ 0, got undefined');
  });
});
