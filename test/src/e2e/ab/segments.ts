import type { LiveArm } from './live-arm';
import type { KpiExporter } from './exporter-process';

/** One pool's KPIs as the exporter computed them from HAProxy's log lines (GET /v1/kpis → backends). */
export interface BackendKpis {
  readonly backend: string;
  readonly requests: number;
  readonly throughput_rps: number;
  readonly apdex: number;
  readonly latency_p50_seconds: number;
  readonly latency_p95_seconds: number;
  readonly latency_p99_seconds: number;
}

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
  readonly arms: Record<string, ArmSegment>;
  /** Verdict of each experiment after this segment (GET /v1/experiments). */
  readonly verdicts: Record<string, string>;
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

export interface ExperimentView {
  readonly id: string;
  readonly name?: string;
  readonly verdict: string;
  readonly reason?: string;
  readonly segments?: number;
  readonly metrics: Array<{ metric: string; control?: number; treatment?: number; difference: number; lower: number; upper: number }>;
}

export async function fetchKpis(exporter: KpiExporter, from: number, to: number): Promise<Record<string, BackendKpis>> {
  const res = await fetch(`${exporter.url}/v1/kpis?from=${Math.round(from)}&to=${Math.round(to)}`);
  if (!res.ok) throw new Error(`GET /v1/kpis → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const body = (await res.json()) as { backends: BackendKpis[] };
  return Object.fromEntries(body.backends.map((b) => [b.backend, b]));
}

export async function fetchExperiments(exporter: KpiExporter): Promise<Record<string, ExperimentView>> {
  const res = await fetch(`${exporter.url}/v1/experiments`);
  if (!res.ok) throw new Error(`GET /v1/experiments → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const body = (await res.json()) as { experiments: ExperimentView[] };
  return Object.fromEntries(body.experiments.map((e) => [e.id, e]));
}

/** The bare verdict ("stopped_slo_harm") of a view's "stopped_slo_harm (3 segments)". */
export const bareVerdict = (v: ExperimentView | undefined): string => (v?.verdict ?? 'absent').split(' ')[0];

async function postSegment(exporter: KpiExporter, e: ExperimentSpec, control: ArmSegment, treatment: ArmSegment): Promise<void> {
  const body = {
    name: e.name,
    metric: 'cost, host-minutes per 100 requests',
    slo_metric: '1 − Apdex',
    slo_margin: e.sloMargin,
    min_segments: e.minSegments,
    control: control.costPer100Requests,
    treatment: treatment.costPer100Requests,
    control_slo: 1 - control.kpis.apdex,
    treatment_slo: 1 - treatment.kpis.apdex,
  };
  const res = await fetch(`${exporter.url}/v1/experiments/${e.id}/segments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${exporter.token}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST /v1/experiments/${e.id}/segments → ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/** An arm's ledger over minutes [from, to): cost, requests counted by HAProxy, mean serving hosts. */
function ledger(arm: LiveArm, from: number, to: number): { cost: number; requests: number; meanServing: number; strategy: string } {
  const rows = arm.minutes.slice(from, to);
  const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((s, r) => s + f(r), 0);
  return { cost: sum((r) => r.cost), requests: sum((r) => r.requests), meanServing: sum((r) => r.serving) / rows.length, strategy: rows[rows.length - 1].strategy };
}

/**
 * Scores one matched segment: every pool's KPIs over the same wall-clock range from the exporter, its
 * cost from its arm's ledger; posts it to every running experiment and reads the verdicts back.
 * Experiments in `stopped` get no more segments.
 */
export async function scoreSegment(
  exporter: KpiExporter,
  arms: Record<string, LiveArm>,
  experiments: readonly ExperimentSpec[],
  stopped: ReadonlySet<string>,
  seg: { segment: number; from: number; to: number; firstMinute: number; lastMinute: number },
): Promise<SegmentRecord> {
  const kpis = await fetchKpis(exporter, seg.from, seg.to);
  const scored: Record<string, ArmSegment> = {};
  for (const [backend, arm] of Object.entries(arms)) {
    const k = kpis[backend];
    if (!k) throw new Error(`segment ${seg.segment}: the exporter has no KPIs for pool ${backend} (HAProxy log lines missing?)`);
    const l = ledger(arm, seg.firstMinute, seg.lastMinute);
    scored[backend] = { kpis: k, cost: l.cost, costPer100Requests: (100 * l.cost) / Math.max(1, l.requests), meanServing: l.meanServing, strategy: l.strategy };
  }
  for (const e of experiments) if (!stopped.has(e.id)) await postSegment(exporter, e, scored[e.control], scored[e.treatment]);
  const views = await fetchExperiments(exporter);
  const verdicts = Object.fromEntries(experiments.map((e) => [e.id, views[e.id]?.verdict ?? 'absent']));
  return { segment: seg.segment, from: seg.from, to: seg.to, arms: scored, verdicts };
}
