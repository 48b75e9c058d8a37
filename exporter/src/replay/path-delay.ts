import type { Strategy } from '@shadowfleet/models';

/**
 * The real path's delay, measured. The manager's decisions do not depend on the real pool (it keeps its
 * own books, as the simulator does), so the path only delays them: a target decided at the start of
 * minute t reaches HAProxy δ later (the decision's offset in the step, a scrape, a rule evaluation,
 * Alertmanager's group_wait/group_interval, the webhook). The replay's simulation is given the measured
 * median as its actuation delay (SimConfig.actuationDelay, models/src/sim/actuation.ts).
 */
export interface PathDelay {
  /** Median, 10th and 90th percentile of decision → webhook change, in steps; how many changes were matched. */
  readonly median_steps: number;
  readonly p10_steps: number;
  readonly p90_steps: number;
  readonly matched: number;
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  const x = q * (sorted.length - 1);
  const i = Math.floor(x);
  return i + 1 < sorted.length ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/**
 * For every change of the pool's server count, the time since the earliest decision (at its step
 * start) whose target it carries out, among the decisions since the previous change.
 */
export function measurePathDelay(decisions: ReadonlyArray<{ at: number; serving: number }>, changes: ReadonlyArray<{ at: number; active: number }>, stepMs: number): PathDelay | undefined {
  const byTime = [...decisions].sort((a, b) => a.at - b.at);
  const delays: number[] = [];
  for (let i = 1; i < changes.length; i++) {
    const c = changes[i];
    const d = byTime.find((x) => x.at > changes[i - 1].at - stepMs && x.at <= c.at && x.serving === c.active);
    if (d) delays.push((c.at - d.at) / stepMs);
  }
  if (delays.length === 0) return undefined;
  delays.sort((a, b) => a - b);
  const median = quantile(delays, 0.5);
  return { median_steps: median, p10_steps: quantile(delays, 0.1), p90_steps: quantile(delays, 0.9), matched: delays.length };
}

/** One of the webhook's set_hosts intents as GET /v1/intents shows it (the fields the breakdown needs). */
export interface SetPointIntent {
  readonly action: string;
  readonly target?: number;
  readonly outcome?: string;
  readonly starts_at?: string;
  readonly accepted_at: string;
  readonly finished_at?: string;
}

/** A part of the path: median and 90th percentile, in steps. */
export interface DelayPart {
  readonly median_steps: number;
  readonly p90_steps: number;
}

/**
 * The measured delay by part, for the set-points the webhook applied, each matched to the latest decision
 * of its target before its alert started: `exporter` (the step's start → the decision published: its
 * offset in the step and the manager's own time to decide), `prometheus` (→ the alert's startsAt: the
 * scrape, the rule evaluation), `alertmanager` (→ the webhook accepted it) and `webhook` (→ finished: a
 * cooldown's deferral, then the driver). The derivation's terms (docs/simulation.md) are the same parts at
 * the mean of every phase.
 */
export interface PathDelayParts {
  readonly exporter: DelayPart;
  readonly prometheus: DelayPart;
  readonly alertmanager: DelayPart;
  readonly webhook: DelayPart;
  readonly matched: number;
}

function part(values: number[]): DelayPart {
  const sorted = [...values].sort((a, b) => a - b);
  return { median_steps: quantile(sorted, 0.5), p90_steps: quantile(sorted, 0.9) };
}

export function measurePathDelayParts(decisions: ReadonlyArray<{ at: number; decidedAt: number; serving: number }>, intents: readonly SetPointIntent[], stepMs: number): PathDelayParts | undefined {
  const byTime = [...decisions].sort((a, b) => a.decidedAt - b.decidedAt);
  const parts = { exporter: [] as number[], prometheus: [] as number[], alertmanager: [] as number[], webhook: [] as number[] };
  for (const i of intents) {
    if (i.action !== 'set_hosts' || i.outcome !== 'applied' || !i.starts_at || !i.finished_at || i.target === undefined) continue;
    const [starts, accepted, finished] = [Date.parse(i.starts_at), Date.parse(i.accepted_at), Date.parse(i.finished_at)];
    const decision = byTime.filter((d) => d.decidedAt <= starts && d.serving === i.target).pop();
    if (!decision) continue;
    parts.exporter.push((decision.decidedAt - decision.at) / stepMs);
    parts.prometheus.push((starts - decision.decidedAt) / stepMs);
    parts.alertmanager.push((accepted - starts) / stepMs);
    parts.webhook.push((finished - accepted) / stepMs);
  }
  if (parts.prometheus.length === 0) return undefined;
  return { exporter: part(parts.exporter), prometheus: part(parts.prometheus), alertmanager: part(parts.alertmanager), webhook: part(parts.webhook), matched: parts.prometheus.length };
}

/** Hosts the simulated strategy started from minute `from` on: standby activations and cold launches (the production side counts warm and cold starts). */
export function countingStarts(inner: Strategy, from: number): { strategy: Strategy; starts: { activations: number; cold_launches: number } } {
  const starts = { activations: 0, cold_launches: 0 };
  const strategy: Strategy = {
    name: inner.name,
    decide(ctx) {
      const a = inner.decide(ctx);
      if (ctx.t >= from) {
        starts.activations += a.activate ?? 0;
        starts.cold_launches += a.launch ?? 0;
      }
      return a;
    },
  };
  return { strategy, starts };
}
