import type { ProfileKpis } from '../feedback/kpi-window';

/** One pool's KPIs as the exporter computed them from HAProxy's log lines (GET /v1/kpis → backends). */
export type BackendKpis = Omit<ProfileKpis, 'profile'> & { readonly backend: string };

/** An experiment as GET /v1/experiments shows it. */
export interface ExperimentResult {
  readonly id: string;
  readonly name?: string;
  readonly verdict: string;
  readonly reason?: string;
  readonly segments?: number;
  readonly metrics: Array<{ metric: string; control?: number; treatment?: number; difference: number; lower: number; upper: number }>;
}

/** The body of POST /v1/experiments/:id/segments (exporter/src/feedback/experiments.ts, liveSegment). */
export interface SegmentPost {
  readonly name?: string;
  readonly metric?: string;
  readonly slo_metric?: string;
  readonly slo_margin?: number;
  readonly min_segments?: number;
  readonly control: number;
  readonly treatment: number;
  readonly control_slo: number;
  readonly treatment_slo: number;
}

/** The bare verdict ("stopped_slo_harm") of a view's "stopped_slo_harm (3 segments)". */
export const bareVerdict = (v: ExperimentResult | undefined): string => (v?.verdict ?? 'absent').split(' ')[0];

const TIMEOUT_MS = 10_000;

/**
 * The exporter's HTTP API as the live runner uses it: KPIs per backend over a time range, the
 * experiments' verdicts, and segment posts (with the exporter's bearer token — they change state).
 */
export class ExporterClient {
  readonly url: string;

  constructor(
    url: string,
    private readonly token: string,
  ) {
    this.url = url.replace(/\/+$/, '');
  }

  private async call(path: string, init: RequestInit = {}, expect = 200): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (res.status !== expect) throw new Error(`${init.method ?? 'GET'} ${this.url}${path.split('?')[0]} → ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return res.json();
  }

  /** KPIs per backend over [from, to) (epoch ms); needs the exporter's KPI syslog listener. */
  async kpis(from: number, to: number): Promise<Record<string, BackendKpis>> {
    const body = (await this.call(`/v1/kpis?from=${Math.round(from)}&to=${Math.round(to)}`)) as { backends: BackendKpis[] };
    return Object.fromEntries(body.backends.map((b) => [b.backend, b]));
  }

  async experiments(): Promise<Record<string, ExperimentResult>> {
    const body = (await this.call('/v1/experiments')) as { experiments: ExperimentResult[] };
    return Object.fromEntries(body.experiments.filter((e) => e.id !== undefined).map((e) => [e.id, e]));
  }

  async postSegment(id: string, body: SegmentPost): Promise<ExperimentResult> {
    const init = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` }, body: JSON.stringify(body) };
    return (await this.call(`/v1/experiments/${encodeURIComponent(id)}/segments`, init, 201)) as ExperimentResult;
  }
}
