import type { BackendKpis, ExporterClient } from './exporter-client';
import type { LiveArm } from './live-arm';

/** One arm in one matched segment. */
export interface ArmSegment {
  readonly kpis: BackendKpis;
  /** Host-minutes the arm's fleet cost in the segment, and per 100 requests HAProxy counted for it. */
  readonly cost: number;
  readonly costPer100Requests: number;
  readonly meanServing: number;
  readonly strategy: string;
}

export interface SegmentRecord {
  readonly segment: number;
  /** Wall-clock range, epoch ms. */
  readonly from: number;
  readonly to: number;
  /** The arms (by pool) HAProxy logged requests for in the segment (an arm without any is left out). */
  readonly arms: Record<string, ArmSegment>;
  /** Verdict of each experiment after this segment (GET /v1/experiments). */
  readonly verdicts: Record<string, string>;
  /** Experiments that got no segment this time because an arm of theirs had no requests logged. */
  readonly skipped: readonly string[];
}

/** An experiment between two pools: the decision metric is cost per 100 requests, the SLO metric 1 − Apdex. */
export interface ExperimentSpec {
  readonly id: string;
  readonly name: string;
  readonly control: string;
  readonly treatment: string;
  readonly sloMargin: number;
  readonly minSegments: number;
}

export const COST_METRIC = 'cost, host-minutes per 100 requests';
export const SLO_METRIC = '1 − Apdex';

/** A segment's minutes [firstMinute, lastMinute) of the live run and their wall-clock range. */
export interface SegmentRange {
  readonly segment: number;
  readonly from: number;
  readonly to: number;
  readonly firstMinute: number;
  readonly lastMinute: number;
}

/** An arm's ledger over live minutes [from, to): cost, requests counted by HAProxy, mean serving hosts. */
function ledger(arm: LiveArm, from: number, to: number): { cost: number; requests: number; meanServing: number; strategy: string } {
  const rows = arm.minutes.slice(from, to);
  const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((s, r) => s + f(r), 0);
  return { cost: sum((r) => r.cost), requests: sum((r) => r.requests), meanServing: sum((r) => r.serving) / rows.length, strategy: rows[rows.length - 1].strategy };
}

/**
 * Scores one matched segment: every pool's KPIs (of its HAProxy backend) over the same wall-clock range from the exporter, its
 * cost from its arm's ledger; posts it to every running experiment and reads the verdicts back.
 * Experiments in `stopped` get no more segments; an experiment one of whose arms had no request
 * logged in the range (no traffic, or HAProxy's log lines not arriving) is skipped for this segment.
 */
export async function scoreSegment(
  exporter: ExporterClient,
  arms: Record<string, LiveArm>,
  backendOf: Record<string, string>,
  experiments: readonly ExperimentSpec[],
  stopped: ReadonlySet<string>,
  seg: SegmentRange,
): Promise<SegmentRecord> {
  const kpis = await exporter.kpis(seg.from, seg.to);
  const scored: Record<string, ArmSegment> = {};
  for (const [pool, arm] of Object.entries(arms)) {
    const k = kpis[backendOf[pool]];
    if (!k) continue;
    const l = ledger(arm, seg.firstMinute, seg.lastMinute);
    scored[pool] = { kpis: k, cost: l.cost, costPer100Requests: (100 * l.cost) / Math.max(1, l.requests), meanServing: l.meanServing, strategy: l.strategy };
  }
  const skipped: string[] = [];
  for (const e of experiments) {
    if (stopped.has(e.id)) continue;
    const [c, t] = [scored[e.control], scored[e.treatment]];
    if (!c || !t) {
      skipped.push(e.id);
      continue;
    }
    await exporter.postSegment(e.id, {
      name: e.name,
      metric: COST_METRIC,
      slo_metric: SLO_METRIC,
      slo_margin: e.sloMargin,
      min_segments: e.minSegments,
      control: c.costPer100Requests,
      treatment: t.costPer100Requests,
      control_slo: 1 - c.kpis.apdex,
      treatment_slo: 1 - t.kpis.apdex,
    });
  }
  const views = await exporter.experiments();
  const verdicts = Object.fromEntries(experiments.map((e) => [e.id, views[e.id]?.verdict ?? 'absent']));
  return { segment: seg.segment, from: seg.from, to: seg.to, arms: scored, verdicts, skipped };
}
