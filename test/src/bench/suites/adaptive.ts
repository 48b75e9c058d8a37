import {
  adaptiveStrategy,
  replayTuner,
  armLabel,
  armOptions,
  DEFAULT_ARMS,
  DEFAULT_POLICY_ARM,
  resolveGuardRails,
  simulate,
  simulateJson,
  tieredStrategy,
  type SimMetrics,
} from '@shadowfleet/models';
import { readTraceFile } from '@shadowfleet/exporter';
import type { BenchSuite } from '../suite';
import { compareDays, dayValue, perDay, scoringGap } from '../adaptive/compare';
import { BENCH_LEAD_TIMES, benchActuationDelay, benchSimConfig } from '../sim/config';
import { rateTraces } from '../data/rate-traces';
import { needSharedData } from '../data/shared-data';

/** The traces the adaptive bench has always compared day by day (issue 9); Twitter is not among them. */
export const ADAPTIVE_TRACES = rateTraces('nasa', 'worldcup98');
const SEGMENT_MINUTES = 1440;
/** Loss per percentage point of under-provisioned minutes: the default, and a stricter SLO. */
const UNDER_PENALTIES = [0.2, 0.5] as const;
/** Days left out of the "after learning" comparison: the bandit plays each of the arms once first. */
const LEARNING_DAYS = DEFAULT_ARMS.length;
/** The policy's default settings (DEFAULT_POLICY.targets, the centre of DEFAULT_ARMS), one of the arms. */
const DEFAULT_ARM = DEFAULT_ARMS.findIndex((a) => armLabel(a) === armLabel(DEFAULT_POLICY_ARM));

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export const adaptiveSuite: BenchSuite = {
  name: 'adaptive',
  description: 'adaptive tuning (Thompson sampling, and full-information replay tuning, over tiered settings, one arm per day) vs fixed settings on the same days of NASA and WorldCup98',
  async run() {
    if (DEFAULT_ARM < 0) throw new Error('adaptive bench: the default settings are not among DEFAULT_ARMS');
    const rails = resolveGuardRails();
    const traces: Array<Record<string, unknown>> = [];
    const experiments: Array<Record<string, unknown>> = [];
    for (const t of ADAPTIVE_TRACES) {
      const { requests } = readTraceFile(needSharedData(t.file, 'adaptive'));
      const config = benchSimConfig(requests);
      const fixed = DEFAULT_ARMS.map((arm) => {
        const started = process.hrtime.bigint();
        const run = simulate(requests, tieredStrategy(armOptions(arm, rails)), config, { timeline: true });
        return { arm, run, days: perDay(run, SEGMENT_MINUTES), wall_seconds: seconds(started) };
      });
      const lossPerDay = (days: SimMetrics[], penalty: number): number => days.reduce((s, m) => s + dayValue(m, 'loss', penalty), 0) / days.length;
      for (const penalty of UNDER_PENALTIES) {
        const started = process.hrtime.bigint();
        const strategy = adaptiveStrategy({ segmentMinutes: SEGMENT_MINUTES, underPenalty: penalty, seed: 1, actuationDelay: config.actuationDelay });
        const adaptive = simulate(requests, strategy, config, { timeline: true });
        const adaptiveSeconds = seconds(started);
        const adaptiveDays = perDay(adaptive, SEGMENT_MINUTES);
        const best = fixed.reduce((b, f) => (lossPerDay(f.days, penalty) < lossPerDay(b.days, penalty) ? f : b));
        const vsDefault = compareDays(fixed[DEFAULT_ARM].days, adaptiveDays, penalty, 0);
        const vsBest = compareDays(best.days, adaptiveDays, penalty, 0);
        const replayStarted = process.hrtime.bigint();
        const tuner = replayTuner({ segmentMinutes: SEGMENT_MINUTES, underPenalty: penalty, initialArm: DEFAULT_ARM, actuationDelay: config.actuationDelay });
        const replayRun = simulate(requests, tuner, config, { timeline: true });
        const replaySeconds = seconds(replayStarted);
        const replayDays = perDay(replayRun, SEGMENT_MINUTES);
        const replayVsDefault = compareDays(fixed[DEFAULT_ARM].days, replayDays, penalty, 0);
        const replayVsBest = compareDays(best.days, replayDays, penalty, 0);
        process.stderr.write(`  ${t.name} penalty ${penalty}: replay-tuned ${lossPerDay(replayDays, penalty).toFixed(3)}\n`);
        process.stderr.write(`  ${t.name} penalty ${penalty}: adaptive ${lossPerDay(adaptiveDays, penalty).toFixed(3)}, best fixed ${armLabel(best.arm)} ${lossPerDay(best.days, penalty).toFixed(3)}\n`);
        traces.push({
          trace: t.name,
          under_penalty: penalty,
          minutes: requests.length,
          days: adaptiveDays.length,
          fixed: fixed.map((f) => ({ arm: armLabel(f.arm), loss_per_day: lossPerDay(f.days, penalty), ...simulateJson(f.run), wall_seconds: f.wall_seconds })),
          fixed_default: armLabel(DEFAULT_ARMS[DEFAULT_ARM]),
          best_fixed_in_hindsight: armLabel(best.arm),
          adaptive: {
            ...simulateJson(adaptive),
            loss_per_day: lossPerDay(adaptiveDays, penalty),
            wall_seconds: adaptiveSeconds,
            pulls: strategy.bandit.stats().map((st, i) => ({ arm: armLabel(strategy.arms[i]), ...st })),
            arm_by_day: strategy.segments.map((sg) => sg.label),
            /** Largest |the bandit's loss of a day − the loss the simulator measured for that day|. */
            scoring_gap: scoringGap(strategy.segments, (d) => adaptiveDays[d], penalty),
          },
          adaptive_vs_fixed_default: vsDefault,
          adaptive_vs_fixed_default_after_learning: compareDays(fixed[DEFAULT_ARM].days, adaptiveDays, penalty, LEARNING_DAYS),
          adaptive_vs_best_fixed_in_hindsight: vsBest,
          replay_tuned: {
            ...simulateJson(replayRun),
            loss_per_day: lossPerDay(replayDays, penalty),
            wall_seconds: replaySeconds,
            arm_by_day: tuner.chosen.map((a) => armLabel(tuner.arms[a])),
            /** Largest |an arm's replayed loss of a day − that fixed arm's measured loss of the day|. */
            scoring_gap: Math.max(...DEFAULT_ARMS.map((_, arm) => scoringGap(tuner.replayed.filter((r) => r.arm === arm), (d) => fixed[arm].days[d], penalty))),
          },
          replay_tuned_vs_fixed_default: replayVsDefault,
          replay_tuned_vs_best_fixed_in_hindsight: replayVsBest,
          adaptive_vs_each_fixed: fixed.map((f) => ({ arm: armLabel(f.arm), ...compareDays(f.days, adaptiveDays, penalty, 0) })),
        });
        experiments.push({ id: `${t.name}-p${penalty}-adaptive-vs-default`, name: `${t.name}, penalty ${penalty}: adaptive vs fixed defaults (${armLabel(DEFAULT_ARMS[DEFAULT_ARM])}), per day`, verdict: vsDefault.verdict, metrics: vsDefault.metrics });
        experiments.push({ id: `${t.name}-p${penalty}-replay-vs-default`, name: `${t.name}, penalty ${penalty}: replay-tuned vs fixed defaults, per day`, verdict: replayVsDefault.verdict, metrics: replayVsDefault.metrics });
        if (best !== fixed[DEFAULT_ARM]) {
          experiments.push({ id: `${t.name}-p${penalty}-adaptive-vs-best`, name: `${t.name}, penalty ${penalty}: adaptive vs best fixed in hindsight (${armLabel(best.arm)})`, verdict: vsBest.verdict, metrics: vsBest.metrics });
        }
      }
    }
    return {
      settings: {
        segment_minutes: SEGMENT_MINUTES,
        under_penalties_per_tau_U_point: UNDER_PENALTIES,
        loss: 'cost_ratio + under_penalty × tau_U (% of minutes under-provisioned), per day',
        tuners_score_with: 'the same actuation delay as the simulation (sim.actuation_delay): each day and each replayed arm is measured on the books seen that much later',
        arms: DEFAULT_ARMS.map(armLabel),
        guard_rails: rails,
        ab_decision: 'paired t-test on daily differences (95 %), min 7 days, stop if tau_U worse by > 0.25 points (one-sided 95 %)',
        sim: { ...BENCH_LEAD_TIMES, capacity: 'max(r)/100', actuation_delay: benchActuationDelay() },
      },
      traces,
      experiments,
    };
  },
};
