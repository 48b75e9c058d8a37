import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseTrace } from '../trace';
import { defaultCapacity } from '../demand';
import { runStrategy } from '../strategies';
import { simulate } from '../simulate';
import { configOf, configLabel, DEFAULT_TUNING, tuningStrategy, type TuningCandidate } from './grid';
import { betterScore, chronologicalSplit, selectBest, selectConfig, trainingScore, type SplitMetrics } from './select';

// Three real days of NASA traffic (data/samples/nasa-http-rate, see its README).
const sample = path.resolve(__dirname, '../../../../data/samples/nasa-http-rate/nasa_1995-07-01_to_03_requests_per_minute.csv.gz');
const m = (tau_U: number, cost_ratio: number): SplitMetrics => ({ tau_U, cost_ratio, unserved_pct: 0 });

describe('tuning audit: split and selection', () => {
  it('splits in time, the first part to choose on, and names a bad share', () => {
    expect(chronologicalSplit([1, 2, 3, 4, 5])).toEqual({ train: [1, 2], test: [3, 4, 5] });
    expect(chronologicalSplit([1, 2, 3, 4], 0.75)).toEqual({ train: [1, 2, 3], test: [4] });
    expect(() => chronologicalSplit([1, 2], 1)).toThrow('trainShare must be in (0, 1), got 1');
    expect(() => chronologicalSplit([1])).toThrow('a split needs minutes on both sides, got 1 minutes');
  });

  it('scores by the goal first, then tau_U ≤ 1 %, then the lowest mean cost; ties keep the first', () => {
    const predictive = m(4, 1.4);
    const goalCheap = trainingScore([{ ours: m(1.8, 1.3), predictive }]);
    const goalTau = trainingScore([{ ours: m(0.9, 1.38), predictive }]);
    const cheapNoGoal = trainingScore([{ ours: m(2.5, 1.0), predictive }]);
    expect(goalCheap).toEqual({ goals_met: 1, tau_target_met: 0, mean_cost_ratio: 1.3 });
    expect(betterScore(goalTau, goalCheap)).toBe(true); // tau_U ≤ 1 % beats a lower cost
    expect(betterScore(cheapNoGoal, goalCheap)).toBe(false); // the goal beats a lower cost
    expect(betterScore(goalTau, goalCheap, 'goal-then-cost')).toBe(false); // without the 1 % step, the cheaper one wins
    expect(betterScore(goalCheap, goalTau, 'goal-then-cost')).toBe(true);
    expect(selectBest(['a', 'b', 'c'], (x) => (x === 'b' ? goalTau : goalCheap))).toBe('b');
    expect(selectBest(['a', 'b'], () => goalCheap)).toBe('a');
    expect(() => trainingScore([])).toThrow('at least one training split');
  });

  it('joins the best candidate of each group; the others stay at their defaults', () => {
    const grid: TuningCandidate[] = [
      { group: 'targets', targets: { servingQuantile: 0.985, surgeQuantile: 0.99 } },
      { group: 'targets', targets: { servingQuantile: 0.99, surgeQuantile: 0.995 } },
      { group: 'trend', forecast: {} },
      { group: 'trend', forecast: { trendWeight: 0 } },
    ];
    const predictive = m(4, 1.4);
    const { config } = selectConfig(grid, (c) => [{ ours: c.targets?.servingQuantile === 0.99 || c.forecast?.trendWeight === 0 ? m(0.8, 1.35) : m(1.5, 1.3), predictive }]);
    expect(config).toEqual({ targets: { servingQuantile: 0.99, surgeQuantile: 0.995 }, forecast: { trendWeight: 0 } });
    expect(configLabel(config)).toBe('servingQuantile 0.99, surgeQuantile 0.995, trendWeight 0');
    expect(configLabel(DEFAULT_TUNING)).toBe('defaults');
  });

  it('on a real slice, the choice sees only the first part: changing the held-out part does not change it', () => {
    const requests = parseTrace(gunzipSync(readFileSync(sample)).toString()).requests;
    const config = { capacity: defaultCapacity(requests), coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
    const grid: TuningCandidate[] = [
      { group: 'targets', targets: { servingQuantile: 0.985, surgeQuantile: 0.99 } },
      { group: 'targets', targets: { servingQuantile: 0.995, surgeQuantile: 0.995 } },
    ];
    const choose = (trace: number[]) => {
      const { train } = chronologicalSplit(trace);
      const predictive = runStrategy('predictive', train, config).metrics;
      return selectConfig(grid, (c) => [{ ours: simulate(train, tuningStrategy(configOf(c)), config).metrics, predictive }]).config;
    };
    const chosen = choose(requests);
    const half = Math.floor(requests.length / 2);
    const otherFuture = [...requests.slice(0, half), ...requests.slice(half).map((r) => r * 3)];
    expect(choose(otherFuture)).toEqual(chosen);
    expect(grid.map((c) => configOf(c))).toContainEqual(chosen);
  });
});
