import { metricVerdict, overallVerdict } from './verdict';
import type { ExperimentResult } from './types';

const r = (metric: string, ci_low: number, ci_high: number): ExperimentResult => ({
  metric,
  a: 'hpa',
  b: 'tiered',
  segments: 12,
  mean_a: 10,
  mean_b: 9,
  mean_difference: (ci_low + ci_high) / 2,
  ci_low,
  ci_high,
  level: 0.95,
});

describe('experiment verdicts', () => {
  it.each([
    ['interval below zero', r('cost', -3, -1), 'tiered better'],
    ['interval above zero', r('cost', 1, 3), 'hpa better'],
    ['interval containing zero', r('cost', -1, 2), 'no significant difference'],
  ])('%s', (_name, result, verdict) => {
    expect(metricVerdict(result)).toBe(verdict);
  });

  it.each([
    [[r('cost', -3, -1), r('tau_U', -1, 1)], 'tiered is better than hpa (1 of 2 metrics significantly lower, none higher)'],
    [[r('cost', 1, 3)], 'hpa is better than tiered (1 of 1 metrics significantly lower, none higher)'],
    [[r('cost', -1, 1)], 'no significant difference between hpa and tiered'],
    [[r('cost', -3, -1), r('tau_U', 1, 2)], 'trade-off: tiered is better on 1 metrics, hpa on 1'],
  ])('overall %#', (results, verdict) => {
    expect(overallVerdict(results)).toBe(verdict);
  });
});
