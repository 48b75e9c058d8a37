import os from 'node:os';
import {
  chronologicalSplit,
  configKey,
  configLabel,
  configOf,
  DEFAULT_TUNING,
  meetsGoal,
  meetsStretch,
  runStrategy,
  selectConfig,
  simulate,
  TUNING_GRID,
  tuningStrategy,
  type SimConfig,
  type SplitMetrics,
  type TuningConfig,
} from '@shadowfleet/models';

export interface AuditTrace {
  readonly name: string;
  readonly requests: number[];
  readonly capacity: number;
}

type Part = 'train' | 'test';
type Metrics = SplitMetrics & { theta_U: number; theta_O: number; wall_seconds: number };

/** How each held-out setting was chosen: which traces' training parts the rule sees when reporting on trace X. */
export const SCHEMES = {
  /** X's own first half. */
  per_trace: (x: string, all: readonly string[]) => all.filter((n) => n === x),
  /** The first halves of every other trace (X never seen). */
  leave_one_trace_out: (x: string, all: readonly string[]) => all.filter((n) => n !== x),
  /** The first halves of every trace: one setting for all, the candidate for DEFAULT_POLICY. */
  pooled: (_x: string, all: readonly string[]) => [...all],
} as const;
export type SchemeName = keyof typeof SCHEMES;

const pick = (m: { tau_U: number; theta_U: number; theta_O: number; unserved_pct: number; cost_ratio: number }, wall: number): Metrics => ({
  tau_U: m.tau_U,
  theta_U: m.theta_U,
  theta_O: m.theta_O,
  unserved_pct: m.unserved_pct,
  cost_ratio: m.cost_ratio,
  wall_seconds: wall,
});

/** Runs (and remembers) every simulation the audit needs: one per setting, trace and part. */
export class AuditRunner {
  private readonly parts = new Map<string, Record<Part, number[]>>();
  private readonly cache = new Map<string, Metrics>();
  readonly runs = { train: 0, test: 0 };

  constructor(
    readonly traces: readonly AuditTrace[],
    private readonly defaults: Omit<SimConfig, 'capacity'>,
    private readonly log: (line: string) => void = () => {},
  ) {
    for (const t of traces) this.parts.set(t.name, chronologicalSplit(t.requests));
  }

  minutes(trace: string, part: Part): number {
    return this.parts.get(trace)![part].length;
  }

  private config(trace: string): SimConfig {
    // C = max(r)/100 of the whole trace (the contract's unit of capacity, a property of the hosts, not a tuned constant).
    return { capacity: this.traces.find((t) => t.name === trace)!.capacity, ...this.defaults };
  }

  private memo(key: string, part: Part, compute: () => Metrics): Metrics {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const m = compute();
    this.cache.set(key, m);
    this.runs[part]++;
    return m;
  }

  /** A baseline (hpa, predictive) on one part of a trace. */
  baseline(trace: string, part: Part, strategy: 'hpa' | 'predictive'): Metrics {
    return this.memo(`${trace}|${part}|${strategy}`, part, () => {
      const started = process.hrtime.bigint();
      const r = runStrategy(strategy, this.parts.get(trace)![part], this.config(trace));
      return pick(r.metrics, Number(process.hrtime.bigint() - started) / 1e9);
    });
  }

  /** `tiered` under a setting, through policyStrategy, on one part of a trace. */
  tiered(trace: string, part: Part, c: TuningConfig): Metrics {
    return this.memo(`${trace}|${part}|${configKey(c)}`, part, () => {
      const started = process.hrtime.bigint();
      const r = simulate(this.parts.get(trace)![part], tuningStrategy(c), this.config(trace));
      const m = pick(r.metrics, Number(process.hrtime.bigint() - started) / 1e9);
      this.log(`  ${part} ${trace} [${configLabel(c)}]: tau_U ${m.tau_U.toFixed(2)} cost_ratio ${m.cost_ratio.toFixed(3)} (${m.wall_seconds.toFixed(1)} s, load ${os.loadavg()[0].toFixed(1)})`);
      return m;
    });
  }
}

const verdict = (ours: Metrics, predictive: Metrics) => ({ ...ours, goal_met: meetsGoal(ours, predictive), stretch_met: meetsStretch(ours) });

/**
 * The audit: every grid candidate on every training half, a selection per scheme and held-out trace by the
 * fixed objective (select.ts), then the chosen settings, the defaults and the baselines on the second halves.
 */
export function tuningAudit(runner: AuditRunner) {
  const names = runner.traces.map((t) => t.name);
  const training = TUNING_GRID.map((c) => ({
    group: c.group,
    setting: configLabel(configOf(c)),
    per_trace: Object.fromEntries(names.map((n) => [n, runner.tiered(n, 'train', configOf(c))])),
  }));
  const trainingPredictive = Object.fromEntries(names.map((n) => [n, runner.baseline(n, 'train', 'predictive')]));
  const chosen: Record<SchemeName, Record<string, TuningConfig>> = { per_trace: {}, leave_one_trace_out: {}, pooled: {} };
  for (const scheme of Object.keys(SCHEMES) as SchemeName[]) {
    for (const x of names) {
      const on = SCHEMES[scheme](x, names);
      chosen[scheme][x] = selectConfig(TUNING_GRID, (c) => on.map((n) => ({ ours: runner.tiered(n, 'train', configOf(c)), predictive: trainingPredictive[n] }))).config;
    }
  }
  const heldOut = names.map((x) => {
    const predictive = runner.baseline(x, 'test', 'predictive');
    const held = (s: SchemeName) => {
      const c = chosen[s][x];
      return { trained_on: SCHEMES[s](x, names), setting: configLabel(c), config: c, ...verdict(runner.tiered(x, 'test', c), predictive) };
    };
    return {
      trace: x,
      train_minutes: runner.minutes(x, 'train'),
      test_minutes: runner.minutes(x, 'test'),
      hpa: runner.baseline(x, 'test', 'hpa'),
      predictive,
      defaults: verdict(runner.tiered(x, 'test', DEFAULT_TUNING), predictive),
      per_trace: held('per_trace'),
      leave_one_trace_out: held('leave_one_trace_out'),
      pooled: held('pooled'),
    };
  });
  const summary = (key: 'defaults' | SchemeName) => {
    const rows: Array<ReturnType<typeof verdict>> = heldOut.map((h) => h[key]);
    return {
      goals_met: rows.filter((r) => r.goal_met).length,
      stretch_met: rows.filter((r) => r.stretch_met).length,
      mean_tau_U: rows.reduce((s, r) => s + r.tau_U, 0) / rows.length,
      mean_cost_ratio: rows.reduce((s, r) => s + r.cost_ratio, 0) / rows.length,
    };
  };
  return {
    training: { predictive: trainingPredictive, candidates: training },
    held_out: heldOut,
    summary: { defaults: summary('defaults'), per_trace: summary('per_trace'), leave_one_trace_out: summary('leave_one_trace_out'), pooled: summary('pooled') },
    pooled_setting: configLabel(chosen.pooled[names[0]]),
    pooled_config: chosen.pooled[names[0]],
    runs: runner.runs,
  };
}
