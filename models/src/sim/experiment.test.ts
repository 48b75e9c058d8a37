import { bootstrapMeanInterval, compareRuns, segmentMetrics } from './experiment';
import { runStrategy } from './strategies';
import { simulate } from './simulate';
import type { SimConfig } from './types';

const config: SimConfig = { capacity: 10, coldStart: 2, shadowActivation: 1, shadowCost: 0.1 };
// 6 "days" of 10 minutes: a step up in the middle of each.
const trace = Array.from({ length: 60 }, (_, i) => (i % 10 >= 5 ? 50 : 10));

describe('experiment (A/B over matched segments)', () => {
  it('segment metrics add up to the whole-run cost', () => {
    const run = runStrategy('hpa', trace, config, { timeline: true });
    const parts = [0, 1, 2, 3, 4, 5].map((s) => segmentMetrics(run, s * 10, s * 10 + 10).cost_host_minutes);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(run.metrics.cost_host_minutes, 9);
  });

  it('reports the paired difference with a bootstrap interval', () => {
    const a = runStrategy('hpa', trace, config, { timeline: true });
    const b = runStrategy('oracle', trace, config, { timeline: true });
    const r = compareRuns(a, b, { metric: 'tau_U', segmentMinutes: 10, resamples: 500 });
    expect(r.segments).toBe(6);
    expect(r.mean_b).toBe(0);
    expect(r.mean_difference).toBeCloseTo(-r.mean_a, 10);
    expect(r.ci_low).toBeLessThanOrEqual(r.mean_difference);
    expect(r.ci_high).toBeGreaterThanOrEqual(r.mean_difference);
    expect(r.ci_high).toBeLessThan(0); // hpa is short 2 of every 10 minutes here, the oracle never
    expect(r.b_lower_share).toBe(1);
  });

  it('bootstrap interval of a constant is that constant, and it is repeatable', () => {
    expect(bootstrapMeanInterval([2, 2, 2], 200, 0.95, 3)).toEqual([2, 2]);
    expect(bootstrapMeanInterval([1, 5, 9, 2], 300, 0.9, 4)).toEqual(bootstrapMeanInterval([1, 5, 9, 2], 300, 0.9, 4));
  });

  it('names bad input', () => {
    const a = runStrategy('hpa', trace, config, { timeline: true });
    const noTimeline = simulate(trace, { name: 'x', decide: () => ({}) }, config);
    expect(() => compareRuns(a, noTimeline, { metric: 'tau_U' })).toThrow(/needs both runs with a timeline/);
    expect(() => compareRuns(a, a, { metric: 'tau_U', segmentMinutes: 40 })).toThrow(/at least 2 are needed/);
    expect(() => compareRuns(a, a, { metric: 'speed' as never, segmentMinutes: 10 })).toThrow(/metric must be one of/);
  });
});
