import { mean, quantileSorted } from 'simple-statistics';
import { elasticityMetrics, oracleCost } from './metrics';
import type { SimResult } from './simulate';
import type { SimMetrics, TimelineRow } from './types';
import { seededRandom } from '../random';

/** Metrics an experiment can compare. */
export const EXPERIMENT_METRICS = ['tau_U', 'tau_O', 'theta_U', 'theta_O', 'unserved_pct', 'cost_ratio'] as const;
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number];

export interface ExperimentOptions {
  readonly metric: ExperimentMetric;
  /** Minutes per matched segment; default 1440 (a day). A last partial segment is dropped. */
  readonly segmentMinutes?: number;
  /** Bootstrap resamples; default 2000. */
  readonly resamples?: number;
  /** Two-sided confidence level; default 0.95. */
  readonly level?: number;
  /** Seed of the resampling, for repeatable intervals; default 1. */
  readonly seed?: number;
}

export interface ExperimentResult {
  readonly metric: ExperimentMetric;
  readonly a: string;
  readonly b: string;
  readonly segments: number;
  readonly segment_minutes: number;
  readonly mean_a: number;
  readonly mean_b: number;
  /** Mean over segments of (b − a). */
  readonly mean_difference: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly level: number;
  readonly resamples: number;
  /** Share of segments where b is lower than a. */
  readonly b_lower_share: number;
}

/** Metrics of one segment of a run: cost from the timeline, oracle cost of the segment on its own. */
export function segmentMetrics(run: SimResult, start: number, end: number): SimMetrics {
  const rows: readonly TimelineRow[] = run.timeline!.slice(start, end);
  const demand = rows.map((r) => r.demand);
  const oracle = oracleCost(demand, run.config.coldStart);
  const cost =
    run.strategy === 'oracle' ? oracle : rows.reduce((c, r) => c + r.cost, 0);
  return elasticityMetrics({
    requests: rows.map((r) => r.requests),
    demand,
    supply: rows.map((r) => r.serving),
    capacity: run.config.capacity,
    cost,
    oracleCost: oracle,
  });
}

/** Percentile bootstrap interval of the mean of `values`. */
export function bootstrapMeanInterval(values: readonly number[], resamples: number, level: number, seed: number): [number, number] {
  if (values.length === 0) throw new RangeError('bootstrap needs at least one value');
  const random = seededRandom(seed);
  const means: number[] = [];
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[Math.floor(random() * values.length)];
    means.push(sum / values.length);
  }
  means.sort((x, y) => x - y);
  const alpha = (1 - level) / 2;
  return [quantileSorted(means, alpha), quantileSorted(means, 1 - alpha)];
}

/**
 * A/B comparison of two runs on the same trace: both timelines are cut into the same segments, the
 * metric is computed per segment, and the mean paired difference (b − a) gets a bootstrap interval over
 * segments. Runs keep their state across segments (a strategy's history is not reset each day).
 */
export function compareRuns(a: SimResult, b: SimResult, options: ExperimentOptions): ExperimentResult {
  const segmentMinutes = options.segmentMinutes ?? 1440;
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  if (!a.timeline || !b.timeline) throw new Error('compareRuns needs both runs with a timeline (simulate with { timeline: true })');
  if (a.timeline.length !== b.timeline.length) throw new Error(`the runs cover different traces: ${a.timeline.length} vs ${b.timeline.length} minutes`);
  if (!(Number.isInteger(segmentMinutes) && segmentMinutes > 0)) throw new RangeError(`segment minutes must be a whole number > 0, got ${segmentMinutes}`);
  if (!(Number.isInteger(resamples) && resamples >= 100)) throw new RangeError(`resamples must be a whole number ≥ 100, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!(EXPERIMENT_METRICS as readonly string[]).includes(options.metric)) {
    throw new RangeError(`metric must be one of ${EXPERIMENT_METRICS.join(', ')}, got "${options.metric}"`);
  }
  const segments = Math.floor(a.timeline.length / segmentMinutes);
  if (segments < 2) throw new RangeError(`the trace holds ${segments} whole segment(s) of ${segmentMinutes} minutes; at least 2 are needed`);
  const va: number[] = [];
  const vb: number[] = [];
  for (let s = 0; s < segments; s++) {
    va.push(segmentMetrics(a, s * segmentMinutes, (s + 1) * segmentMinutes)[options.metric]);
    vb.push(segmentMetrics(b, s * segmentMinutes, (s + 1) * segmentMinutes)[options.metric]);
  }
  const diff = vb.map((v, i) => v - va[i]);
  const [lo, hi] = bootstrapMeanInterval(diff, resamples, level, options.seed ?? 1);
  return {
    metric: options.metric,
    a: a.strategy,
    b: b.strategy,
    segments,
    segment_minutes: segmentMinutes,
    mean_a: mean(va),
    mean_b: mean(vb),
    mean_difference: mean(diff),
    ci_low: lo,
    ci_high: hi,
    level,
    resamples,
    b_lower_share: diff.filter((d) => d < 0).length / segments,
  };
}
