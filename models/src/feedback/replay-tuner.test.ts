import { segmentMetrics } from '../sim/experiment';
import { simulate } from '../sim/simulate';
import { tieredStrategy } from '../sim/strategies/tiered';
import type { SimConfig } from '../sim/types';
import { armOptions, resolveGuardRails, type TuningArm } from './arms';
import { replayTuner } from './replay-tuner';
import { seededRandom } from '../random';

function dailyWave(minutes: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: minutes }, (_, t) => Math.round(1000 + 400 * Math.sin((2 * Math.PI * t) / 1440) + 60 * (random() - 0.5)));
}

const config: SimConfig = { capacity: 20, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
const arms: TuningArm[] = [
  { targetUtilisation: 0.5, servingQuantile: 0.985, surgeQuantile: 0.99 },
  { targetUtilisation: 1, servingQuantile: 0.985, surgeQuantile: 0.99 },
];

describe('replayTuner', () => {
  it.each([0, 0.384, 1.5])('scores every arm exactly as a simulation of that arm alone would, with actuation delay %s, and follows the best', (delay) => {
    const trace = dailyWave(960, 1);
    const withDelay = { ...config, actuationDelay: delay };
    const s = replayTuner({ actuationDelay: delay, segmentMinutes: 240, warmupMinutes: 240, arms });
    simulate(trace, s, withDelay);
    for (const arm of [0, 1]) {
      const alone = simulate(trace, tieredStrategy(armOptions(arms[arm], resolveGuardRails())), withDelay, { timeline: true });
      const replayedArm = s.replayed.filter((r) => r.arm === arm);
      expect(replayedArm.length).toBe(3);
      for (const r of replayedArm) {
        const truth = segmentMetrics(alone, r.segment * 240, (r.segment + 1) * 240);
        expect(r.metrics.cost_host_minutes).toBeCloseTo(truth.cost_host_minutes, 6);
        expect(r.metrics.tau_U).toBeCloseTo(truth.tau_U, 10);
      }
    }
    // Starts on arm 0 (the default initial arm), then runs the cheaper arm 1 from the first scored segment on.
    expect(s.chosen).toEqual([0, 1, 1, 1]);
  });

  it('scores wrongly when the delay is dropped (the check above can fail)', () => {
    const trace = dailyWave(960, 1);
    const withDelay = { ...config, actuationDelay: 1.5 };
    const s = replayTuner({ actuationDelay: 0, segmentMinutes: 240, warmupMinutes: 240, arms });
    simulate(trace, s, withDelay);
    const alone = simulate(trace, tieredStrategy(armOptions(arms[0], resolveGuardRails())), withDelay, { timeline: true });
    const off = s.replayed.filter((r) => r.arm === 0).filter((r) => {
      const truth = segmentMetrics(alone, r.segment * 240, (r.segment + 1) * 240);
      return r.metrics.tau_U !== truth.tau_U || Math.abs(r.metrics.cost_host_minutes - truth.cost_host_minutes) > 1e-6;
    });
    expect(off.length).toBeGreaterThan(0);
  });

  it('rejects a bad initial arm naming the field', () => {
    expect(() => replayTuner({ actuationDelay: 0, arms, initialArm: 2 })).toThrow('initialArm must be in 0 … 1, got 2');
  });
});
