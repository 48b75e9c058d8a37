import type { ExperimentResult } from './types';

/**
 * The verdict on one metric. Every simulator metric (cost, unserved share, τU, θU, τO, θO) is
 * better lower, so B wins when the whole interval of (B − A) is below zero.
 */
export function metricVerdict(r: ExperimentResult): string {
  if (r.ci_high < 0) {
    return `${r.b} better`;
  }
  if (r.ci_low > 0) {
    return `${r.a} better`;
  }
  return 'no significant difference';
}

/** The overall verdict: a strategy wins if it is better on some metric and worse on none. */
export function overallVerdict(results: ExperimentResult[]): string {
  if (results.length === 0) {
    return 'no results';
  }
  const verdicts = results.map(metricVerdict);
  const { a, b } = results[0]!;
  const bWins = verdicts.filter((v) => v === `${b} better`).length;
  const aWins = verdicts.filter((v) => v === `${a} better`).length;
  if (bWins > 0 && aWins === 0) {
    return `${b} is better than ${a} (${bWins} of ${results.length} metrics significantly lower, none higher)`;
  }
  if (aWins > 0 && bWins === 0) {
    return `${a} is better than ${b} (${aWins} of ${results.length} metrics significantly lower, none higher)`;
  }
  if (aWins === 0 && bWins === 0) {
    return `no significant difference between ${a} and ${b}`;
  }
  return `trade-off: ${b} is better on ${bWins} metrics, ${a} on ${aWins}`;
}
