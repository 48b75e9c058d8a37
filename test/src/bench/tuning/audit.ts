import os from 'node:os';
import {
  chronologicalSplit,
  configKey,
  configLabel,
  configOf,
  DEFAULT_TUNING,
  meetsGoal,
  meetsStretch,
  OBJECTIVES,
  runStrategy,
  selectConfig,
  simulate,
  TUNING_GRID,
  tuningStrategy,
  type SimConfig,
  type Objective,
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
type Verdict = ReturnType<typeof verdict>;

const summarise = (rows: readonly Verdict[]) => ({
  goals_met: rows.filter((r) => r.goal_met).length,
  stretch_met: rows.filter((r) => r.stretch_met).length,
  mean_tau_U: rows.reduce((s, r) => s + r.tau_U, 0) / rows.length,
  mean_cost_ratio: rows.reduce((s, r) => s + r.cost_ratio, 0) / rows.length,
});

/**
 * The audit: every grid candidate on every training half; for each objective, scheme and held-out trace a
 * setting chosen on the training halves the scheme allows; then the chosen settings, the defaults and the
 * baselines on the second halves. The quantile candidates also run on the second halves, for reading the
 * held-out trade-off only (no choice uses them).
 */
export function tuningAudit(runner: AuditRunner, previousDefaults?: TuningConfig) {
  const names = runner.traces.map((t) => t.name);
  const schemes = Object.keys(SCHEMES) as SchemeName[];
  const training = TUNING_GRID.map((c) => ({
    group: c.group,
    setting: configLabel(configOf(c)),
    per_trace: Object.fromEntries(names.map((n) => [n, runner.tiered(n, 'train', configOf(c))])),
  }));
  const trainingPredictive = Object.fromEntries(names.map((n) => [n, runner.baseline(n, 'train', 'predictive')]));
  const choose = (objective: Objective, scheme: SchemeName, x: string): TuningConfig => {
    const on = SCHEMES[scheme](x, names);
    return selectConfig(TUNING_GRID, (c) => on.map((n) => ({ ours: runner.tiered(n, 'train', configOf(c)), predictive: trainingPredictive[n] })), objective).config;
  };
  const heldOut = names.map((x) => {
    const predictive = runner.baseline(x, 'test', 'predictive');
    const chosen = Object.fromEntries(
      OBJECTIVES.map((o) => [
        o,
        Object.fromEntries(
          schemes.map((s) => {
            const c = choose(o, s, x);
            return [s, { trained_on: SCHEMES[s](x, names), setting: configLabel(c), config: c, ...verdict(runner.tiered(x, 'test', c), predictive) }];
          }),
        ) as Record<SchemeName, Verdict & { setting: string; config: TuningConfig; trained_on: string[] }>,
      ]),
    ) as Record<Objective, Record<SchemeName, Verdict & { setting: string; config: TuningConfig; trained_on: string[] }>>;
    return {
      trace: x,
      train_minutes: runner.minutes(x, 'train'),
      test_minutes: runner.minutes(x, 'test'),
      hpa: runner.baseline(x, 'test', 'hpa'),
      predictive,
      defaults: verdict(runner.tiered(x, 'test', DEFAULT_TUNING), predictive),
      ...(previousDefaults ? { previous_defaults: verdict(runner.tiered(x, 'test', previousDefaults), predictive) } : {}),
      chosen,
    };
  });
  const curve = TUNING_GRID.filter((c) => c.group === 'targets').map((c) => ({
    setting: configLabel(configOf(c)),
    per_trace: Object.fromEntries(heldOut.map((h) => [h.trace, verdict(runner.tiered(h.trace, 'test', configOf(c)), h.predictive)])),
  }));
  const defaults = summarise(heldOut.map((h) => h.defaults));
  const previous = previousDefaults ? { previous_defaults: { setting: configLabel(previousDefaults), ...summarise(heldOut.map((h) => h.previous_defaults!)) } } : {};
  const summary = Object.fromEntries(OBJECTIVES.map((o) => [o, Object.fromEntries(schemes.map((s) => [s, summarise(heldOut.map((h) => h.chosen[o][s]))]))]));
  // The rule stated before the run: adopt the pooled choice only if it differs from the defaults and, on the
  // held-out halves, meets the goal on at least as many traces at a lower mean cost or a lower mean tau_U.
  const defaultRule = OBJECTIVES.map((o) => {
    const pooled = choose(o, 'pooled', names[0]);
    const p = summary[o].pooled;
    const differs = configKey(pooled) !== configKey(DEFAULT_TUNING);
    return { objective: o, pooled_setting: configLabel(pooled), pooled_config: pooled, adopt: differs && p.goals_met >= defaults.goals_met && (p.mean_cost_ratio < defaults.mean_cost_ratio || p.mean_tau_U < defaults.mean_tau_U) };
  });
  return {
    training: { predictive: trainingPredictive, candidates: training },
    held_out: heldOut,
    held_out_targets_curve: curve,
    summary: { defaults, ...previous, ...summary },
    default_rule: defaultRule,
    runs: runner.runs,
  };
}
