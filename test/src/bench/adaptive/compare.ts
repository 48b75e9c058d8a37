import { bootstrapMeanInterval, decideAb, pairedTTest, segmentLoss, segmentMetrics, type SimMetrics, type SimResult } from '@shadowfleet/models';

/** Per-day metrics of a run with a timeline (the same whole days for every run of a trace). */
export function perDay(run: SimResult, segmentMinutes: number): SimMetrics[] {
  const days = Math.floor(run.timeline!.length / segmentMinutes);
  return Array.from({ length: days }, (_, d) => segmentMetrics(run, d * segmentMinutes, (d + 1) * segmentMinutes));
}

export type DayMetric = 'loss' | 'tau_U' | 'cost_ratio';

export function dayValue(m: SimMetrics, metric: DayMetric, underPenalty: number): number {
  return metric === 'loss' ? segmentLoss(m, underPenalty) : m[metric];
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** Treatment − control on the same days: paired t interval, bootstrap interval and the A/B verdict. */
export function compareDays(control: SimMetrics[], treatment: SimMetrics[], underPenalty: number, skipDays: number): Record<string, unknown> {
  const c = control.slice(skipDays);
  const t = treatment.slice(skipDays);
  const metrics = (['loss', 'tau_U', 'cost_ratio'] as const).map((metric) => {
    const vc = c.map((m) => dayValue(m, metric, underPenalty));
    const vt = t.map((m) => dayValue(m, metric, underPenalty));
    const diff = vt.map((v, i) => v - vc[i]);
    const test = pairedTTest(diff);
    const [bootLow, bootHigh] = bootstrapMeanInterval(diff, 2000, 0.95, 1);
    return {
      metric,
      control: mean(vc),
      treatment: mean(vt),
      difference: test.mean,
      lower: test.lower,
      upper: test.upper,
      p_value: test.p_value,
      bootstrap_lower: bootLow,
      bootstrap_upper: bootHigh,
      treatment_lower_share: diff.filter((d) => d < 0).length / diff.length,
    };
  });
  const decision = decideAb(
    c.map((m, i) => ({
      control: dayValue(m, 'loss', underPenalty),
      treatment: dayValue(t[i], 'loss', underPenalty),
      controlSlo: m.tau_U,
      treatmentSlo: t[i].tau_U,
    })),
    { sloMargin: 0.25 },
  );
  return { days: c.length, skipped_days: skipDays, metrics, verdict: decision.verdict, reason: decision.reason };
}

/**
 * How far a tuner's own score of each day is from what the simulator measured for that day (the same arm,
 * the same delay): the largest absolute difference in loss. 0 when the tuner scores what runs.
 */
export function scoringGap(scored: ReadonlyArray<{ segment: number; loss: number }>, measuredDay: (segment: number) => SimMetrics | undefined, underPenalty: number): number {
  let gap = 0;
  for (const s of scored) {
    const m = measuredDay(s.segment);
    if (m) gap = Math.max(gap, Math.abs(s.loss - segmentLoss(m, underPenalty)));
  }
  return gap;
}
