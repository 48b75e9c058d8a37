import { jStat } from 'jstat';
import { mean, sampleStandardDeviation } from 'simple-statistics';

/** A one-sample t-test of per-segment paired differences (treatment − control). */
export interface TTestResult {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly se: number;
  readonly dof: number;
  readonly t: number;
  /** Two-sided p-value of "mean difference = 0". */
  readonly p_value: number;
  readonly level: number;
  /** Two-sided confidence interval of the mean difference at `level`. */
  readonly lower: number;
  readonly upper: number;
}

/** Paired t-test: the differences of matched segments, with a two-sided interval at `level`. */
export function pairedTTest(differences: readonly number[], level = 0.95): TTestResult {
  const n = differences.length;
  if (n < 2) throw new RangeError(`a paired t-test needs at least 2 segments, got ${n}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (differences.some((d) => !Number.isFinite(d))) throw new RangeError('every difference must be a finite number');
  const m = mean(differences as number[]);
  const sd = sampleStandardDeviation(differences as number[]);
  const se = sd / Math.sqrt(n);
  const dof = n - 1;
  if (se === 0) return { n, mean: m, sd, se, dof, t: m === 0 ? 0 : Math.sign(m) * Infinity, p_value: m === 0 ? 1 : 0, level, lower: m, upper: m };
  const t = m / se;
  const half = jStat.studentt.inv(1 - (1 - level) / 2, dof) * se;
  return { n, mean: m, sd, se, dof, t, p_value: 2 * (1 - jStat.studentt.cdf(Math.abs(t), dof)), level, lower: m - half, upper: m + half };
}

/** One matched segment of an A/B experiment (same minutes, or same day, for both arms). */
export interface AbSegment {
  /** The decision metric (e.g. cost ratio) of each arm. */
  readonly control: number;
  readonly treatment: number;
  /** The SLO metric of each arm, higher = worse (e.g. % minutes under-provisioned, 1 − Apdex). */
  readonly controlSlo: number;
  readonly treatmentSlo: number;
}

export interface AbDecisionOptions {
  /** Segments needed before any verdict on the decision metric; default 7. */
  readonly minSegments?: number;
  /** Segments needed before the SLO stop rule is checked; default 3. */
  readonly sloMinSegments?: number;
  /** Confidence level of the intervals and of the SLO stop rule; default 0.95. */
  readonly level?: number;
  /** Treatment harms the SLO when its SLO metric exceeds control's by more than this (SLO units); default 0. */
  readonly sloMargin?: number;
  /** Whether a lower decision metric is better; default true (cost). */
  readonly lowerIsBetter?: boolean;
}

export const AB_VERDICTS = ['collecting', 'stopped_slo_harm', 'treatment_better', 'control_better', 'no_significant_difference'] as const;
export type AbVerdict = (typeof AB_VERDICTS)[number];

export interface AbDecision {
  readonly verdict: AbVerdict;
  readonly reason: string;
  readonly segments: number;
  /** Test of the decision metric (treatment − control), once there are 2 segments. */
  readonly primary?: TTestResult;
  /** Test of the SLO metric (treatment − control), once there are 2 segments. */
  readonly slo?: TTestResult;
  /** One-sided lower confidence bound of the SLO harm, compared with the margin. */
  readonly slo_harm_lower_bound?: number;
}

/**
 * Decides an A/B experiment on matched segments. The SLO stop rule comes first: from `sloMinSegments`
 * on, if the one-sided lower confidence bound of (treatment SLO − control SLO) exceeds `sloMargin`, the
 * treatment clearly harms the SLO and is stopped. (It is checked at every look, which makes a false
 * stop more likely than 1 − level: the rule errs on the side of the SLO.) Otherwise, below
 * `minSegments` the experiment is still collecting; from there a paired t-test on the decision metric
 * gives the verdict when its interval excludes 0.
 */
export function decideAb(segments: readonly AbSegment[], options: AbDecisionOptions = {}): AbDecision {
  const minSegments = options.minSegments ?? 7;
  const sloMinSegments = options.sloMinSegments ?? 3;
  const level = options.level ?? 0.95;
  const sloMargin = options.sloMargin ?? 0;
  const lowerIsBetter = options.lowerIsBetter ?? true;
  if (!(Number.isInteger(minSegments) && minSegments >= 2)) throw new RangeError(`minSegments must be a whole number ≥ 2, got ${minSegments}`);
  if (!(Number.isInteger(sloMinSegments) && sloMinSegments >= 2)) {
    throw new RangeError(`sloMinSegments must be a whole number ≥ 2, got ${sloMinSegments}`);
  }
  if (!(sloMargin >= 0)) throw new RangeError(`sloMargin must be ≥ 0, got ${sloMargin}`);
  const n = segments.length;
  if (n < 2) return { verdict: 'collecting', reason: `${n} of ${minSegments} segments`, segments: n };
  const primary = pairedTTest(
    segments.map((s) => s.treatment - s.control),
    level,
  );
  const slo = pairedTTest(
    segments.map((s) => s.treatmentSlo - s.controlSlo),
    level,
  );
  const oneSided = slo.se === 0 ? slo.mean : slo.mean - jStat.studentt.inv(level, slo.dof) * slo.se;
  const base = { segments: n, primary, slo, slo_harm_lower_bound: oneSided };
  if (n >= sloMinSegments && oneSided > sloMargin) {
    return { ...base, verdict: 'stopped_slo_harm', reason: `treatment's SLO metric is higher by ≥ ${oneSided.toPrecision(3)} (${level} one-sided bound) > margin ${sloMargin}` };
  }
  if (n < minSegments) return { ...base, verdict: 'collecting', reason: `${n} of ${minSegments} segments` };
  const better = lowerIsBetter ? primary.upper < 0 : primary.lower > 0;
  const worse = lowerIsBetter ? primary.lower > 0 : primary.upper < 0;
  const ci = `[${primary.lower.toPrecision(3)}, ${primary.upper.toPrecision(3)}]`;
  if (better) return { ...base, verdict: 'treatment_better', reason: `difference ${primary.mean.toPrecision(3)}, ${level} CI ${ci} excludes 0` };
  if (worse) return { ...base, verdict: 'control_better', reason: `difference ${primary.mean.toPrecision(3)}, ${level} CI ${ci} excludes 0` };
  return { ...base, verdict: 'no_significant_difference', reason: `difference ${primary.mean.toPrecision(3)}, ${level} CI ${ci} contains 0` };
}
