import { readFileSync } from 'node:fs';
import { decideAb, pairedTTest, type AbDecisionOptions, type AbSegment, issueLines } from '@shadowfleet/models';
import { z } from 'zod';

/** One metric row of the Grafana Experiments page: treatment − control with its interval. */
const metricRow = z.object({
  metric: z.string(),
  control: z.number().optional(),
  treatment: z.number().optional(),
  difference: z.number(),
  lower: z.number(),
  upper: z.number(),
  unit: z.string().optional(),
});
const experiment = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  verdict: z.string().optional(),
  /** Live experiments: why (interval, SLO bound) and on how many matched segments. */
  reason: z.string().optional(),
  segments: z.number().optional(),
  metrics: z.array(metricRow).optional(),
});
/** A results file: `{ experiments: [...] }` or a bench record with `results.experiments`. */
const resultsFile = z.union([z.object({ experiments: z.array(experiment) }), z.object({ results: z.object({ experiments: z.array(experiment) }) })]);

export type ExperimentView = z.infer<typeof experiment> & { source?: string };

/** Reads the experiments in results files (bench/results/adaptive.json, saved A/B results …). */
export function readExperimentFiles(paths: readonly string[]): ExperimentView[] {
  return paths.flatMap((p) => {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(p, 'utf8'));
    } catch (err) {
      throw new Error(`experiments file ${p}: ${(err as Error).message}`);
    }
    const parsed = resultsFile.safeParse(json);
    if (!parsed.success) throw new Error(`experiments file ${p}: needs "experiments" (or "results.experiments"): ${issueLines(parsed.error, '(top level)')[0]}`);
    const list = 'experiments' in parsed.data ? parsed.data.experiments : parsed.data.results.experiments;
    return list.map((e) => ({ ...e, source: p }));
  });
}

/**
 * A live segment as posted: both arms' decision metric and SLO metric over the same time slice. The
 * segment that creates an experiment may also name its metrics and set the decision options (SLO
 * margin, minimum sample); later segments cannot change them.
 */
export const liveSegment = z.object({
  name: z.string().max(200).optional(),
  control: z.number().finite(),
  treatment: z.number().finite(),
  control_slo: z.number().finite(),
  treatment_slo: z.number().finite(),
  metric: z.string().max(80).optional(),
  slo_metric: z.string().max(80).optional(),
  slo_margin: z.number().finite().min(0).optional(),
  min_segments: z.number().int().min(2).max(10_000).optional(),
});
export type LiveSegment = z.infer<typeof liveSegment>;

interface LiveExperiment {
  readonly name: string;
  readonly metric: string;
  readonly sloMetric: string;
  readonly options: AbDecisionOptions;
  readonly segments: AbSegment[];
}

/** Live A/B experiments fed segment by segment (pools or time slices), decided with decideAb. */
export class LiveExperiments {
  private readonly experiments = new Map<string, LiveExperiment>();

  constructor(private readonly maxExperiments = 100) {}

  add(id: string, s: LiveSegment): ExperimentView {
    let e = this.experiments.get(id);
    if (!e) {
      if (this.experiments.size >= this.maxExperiments) throw new RangeError(`at most ${this.maxExperiments} live experiments are kept`);
      const options: AbDecisionOptions = { sloMargin: s.slo_margin, minSegments: s.min_segments };
      e = { name: s.name ?? id, metric: s.metric ?? 'decision metric', sloMetric: s.slo_metric ?? 'SLO metric', options, segments: [] };
      this.experiments.set(id, e);
    }
    e.segments.push({ control: s.control, treatment: s.treatment, controlSlo: s.control_slo, treatmentSlo: s.treatment_slo });
    return this.view(id);
  }

  view(id: string): ExperimentView {
    const e = this.experiments.get(id)!;
    const d = decideAb(e.segments, e.options);
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    // An interval needs two segments; until then no rows (JSON has no NaN for the page to show).
    const row = (metric: string, c: number[], t: number[]): z.infer<typeof metricRow> => {
      const test = pairedTTest(t.map((v, i) => v - c[i]));
      return { metric, control: mean(c), treatment: mean(t), difference: test.mean, lower: test.lower, upper: test.upper };
    };
    return {
      id,
      name: e.name,
      verdict: `${d.verdict} (${d.segments} segments)`,
      reason: d.reason,
      segments: d.segments,
      metrics:
        e.segments.length < 2
          ? []
          : [
              row(e.metric, e.segments.map((s) => s.control), e.segments.map((s) => s.treatment)),
              row(e.sloMetric, e.segments.map((s) => s.controlSlo), e.segments.map((s) => s.treatmentSlo)),
            ],
      source: 'live',
    };
  }

  list(): ExperimentView[] {
    return [...this.experiments.keys()].map((id) => this.view(id));
  }
}
