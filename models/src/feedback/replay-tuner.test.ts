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
  it('scores every arm exactly as a simulation of that arm alone would, and follows the best', () => {
    const trace = dailyWave(960, 1);
    const s = replayTuner({ segmentMinutes: 240, warmupMinutes: 240, arms });
    simulate(trace, s, config);
    const alone = simulate(trace, tieredStrategy(armOptions(arms[0], resolveGuardRails())), config, { timeline: true });
    const replayedArm0 = s.replayed.filter((r) => r.arm === 0);
    expect(replayedArm0.length).toBe(3);
    for (const r of replayedArm0) {
      const truth = segmentMetrics(alone, r.segment * 240, (r.segment + 1) * 240);
      expect(r.metrics.cost_host_minutes).toBeCloseTo(truth.cost_host_minutes, 6);
      expect(r.metrics.tau_U).toBeCloseTo(truth.tau_U, 10);
    }
    // Starts on arm 0 (the default initial arm), then runs the cheaper arm 1 from the first scored segment on.
    expect(s.chosen).toEqual([0, 1, 1, 1]);
  });

  it('rejects a bad initial arm naming the field', () => {
    expect(() => replayTuner({ arms, initialArm: 2 })).toThrow('initialArm must be in 0 … 1, got 2');
  });
});
