import os from 'node:os';
import { readTraceFile, replay, shippedActuationDelay } from '@shadowfleet/exporter';
import { DEFAULT_POLICY, policyStrategy, segmentMetrics, simulate, type Policy, type PolicyStrategyOptions } from '@shadowfleet/models';
import type { BenchSuite } from '../suite';
import { heldOutSlices, type HeldOutRule } from '../replay/heldout-slices';
import { addBreakdowns, costBreakdown, type CostBreakdown } from '../replay/cost-breakdown';
import { RATE_TRACES } from '../data/rate-traces';
import { needSharedData } from '../data/shared-data';

/**
 * `npm run bench -- slice-costs` (docs/replay.md#why-nasa-costs-more): where `tiered`'s and `predictive`'s
 * cost above the oracle goes, simulated on the rule-picked 6 h slices the real-path bench replays
 * (`replay-heldout`: 3 of each trace's second half) and on 6 of each first half picked by the same rule;
 * and levers on the cost, chosen on the first halves only by RULE, the chosen one then run once on the held-out slices.
 */
const WARM_HOURS = 24;
const TRAINING: HeldOutRule = { count: 6, hours: 6, warmHours: WARM_HOURS, half: 'first' };
const HELD_OUT: HeldOutRule = { count: 3, hours: 6, warmHours: WARM_HOURS };
/** As `shadowfleet replay` sizes a slice: C = the slice's peak / 20, the contract's Lc, Ls and ks. */
const PEAK_HOSTS = Number(replay.REPLAY_DEFAULTS.peakHosts);
const SIM = { coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };
const DELAYS = [shippedActuationDelay().steps, 0.5];

type Lever = { readonly targets?: Partial<Policy['targets']>; readonly forecast?: PolicyStrategyOptions['forecast'] };
/** The candidates, stated before the first run: the policy's quantiles and the forecaster's untuned windows. */
const LEVERS: Record<string, Lever> = {
  defaults: {},
  'surgeQuantile 0.98': { targets: { surgeQuantile: 0.98 } },
  'surgeQuantile 0.985': { targets: { surgeQuantile: 0.985 } },
  'servingQuantile 0.975': { targets: { servingQuantile: 0.975 } },
  'robust forecaster': { forecast: { robust: true } },
  'volatilityMinutes 30': { forecast: { volatilityMinutes: 30 } },
  'volatilityMinutes 120': { forecast: { volatilityMinutes: 120 } },
};
const RULE = {
  tau_slack_points: 0.1,
  min_pooled_saving: 0.01,
  text:
    'on the training slices at the shipped delay: every trace keeps tiered tau_U ≤ the defaults\' + 0.10 point, and ≤ ½ predictive\'s where the defaults meet that; ' +
    'lowest pooled cost ratio (all training slices); adopted only if ≥ 1 % below the defaults pooled, no trace\'s cost ratio above the defaults\', and the same choice at delay 0.5. ' +
    'The chosen lever is then run once on the held-out slices.',
};

/**
 * The serving quantile's grid, chosen by the tuning audit's goal-then-cost rule (docs/tuning-audit.md) on the
 * same training slices: the most traces where tiered meets issue 17's target (tau_U ≤ ½ predictive's at no
 * higher cost ratio), then the lowest pooled cost ratio. Stated 2026-12-08 before any held-out run of it.
 */
const SERVING_GRID: Record<string, Lever> = {
  'servingQuantile 0.975': { targets: { servingQuantile: 0.975 } },
  defaults: {},
  'servingQuantile 0.985': { targets: { servingQuantile: 0.985 } },
  'servingQuantile 0.99': { targets: { servingQuantile: 0.99 } },
  'servingQuantile 0.995': { targets: { servingQuantile: 0.995, surgeQuantile: 0.995 } },
};

/** Pooled over slices: minutes short, minutes, host-minutes, oracle host-minutes. */
type Tally = { short: number; minutes: number; cost: number; oracle: number };
const tally = (): Tally => ({ short: 0, minutes: 0, cost: 0, oracle: 0 });
const summary = (t: Tally) => ({ tau_U: (100 * t.short) / t.minutes, cost_ratio: t.cost / t.oracle });

interface Slice { readonly trace: string; readonly offsetHours: number; readonly requests: number[]; readonly capacity: number }

function slicesOf(rule: HeldOutRule): Slice[] {
  return RATE_TRACES.flatMap((t) => {
    const trace = readTraceFile(needSharedData(t.file, 'slice-costs'));
    return heldOutSlices(trace, rule).map((s) => {
      const from = (s.offsetHours - WARM_HOURS) * 60;
      const requests = Array.from(trace.requests.slice(from, from + (WARM_HOURS + rule.hours) * 60));
      return { trace: t.name, offsetHours: s.offsetHours, requests, capacity: s.peakRequestsPerMinute / PEAK_HOSTS };
    });
  });
}

/** One strategy on one slice: its minutes short, cost and the breakdown of its live 6 h. */
function runSlice(slice: Slice, policy: Policy, options: PolicyStrategyOptions, actuationDelay: number) {
  const warm = WARM_HOURS * 60;
  const sim = simulate(slice.requests, policyStrategy(policy, { synthesiseUtilisation: false, ...options }), { capacity: slice.capacity, ...SIM, actuationDelay }, { timeline: true });
  const m = segmentMetrics(sim, warm, slice.requests.length);
  return { metrics: m, breakdown: costBreakdown(sim.timeline!, warm, slice.requests.length, { capacity: slice.capacity, ...SIM }) };
}

const leverPolicy = (l: Lever): Policy => ({ ...DEFAULT_POLICY, targets: { ...DEFAULT_POLICY.targets, ...(l.targets ?? {}) } });
const PREDICTIVE: Policy = { ...DEFAULT_POLICY, strategy: 'predictive' };

/** Per trace and pooled tau_U / cost_ratio of every arm, and the pooled breakdowns, as shares of the need. */
type Arm = { readonly policy: Policy; readonly options: PolicyStrategyOptions };

function evaluate(slices: Slice[], arms: Record<string, Arm>, delay: number) {
  const byArm: Record<string, Record<string, Tally>> = {};
  const parts: Record<string, Record<string, CostBreakdown[]>> = {};
  for (const slice of slices) {
    for (const [arm, { policy, options }] of Object.entries(arms)) {
      const { metrics, breakdown } = runSlice(slice, policy, options, delay);
      for (const key of [slice.trace, 'pooled']) {
        const t = ((byArm[arm] ??= {})[key] ??= tally());
        t.short += (metrics.tau_U / 100) * breakdown.minutes;
        t.minutes += breakdown.minutes;
        t.cost += metrics.cost_host_minutes;
        t.oracle += metrics.oracle_cost_host_minutes;
      }
      ((parts[arm] ??= {})[slice.trace] ??= []).push(breakdown);
    }
  }
  const results = Object.fromEntries(Object.entries(byArm).map(([arm, byTrace]) => [arm, Object.fromEntries(Object.entries(byTrace).map(([k, t]) => [k, summary(t)]))]));
  const breakdowns = Object.fromEntries(
    Object.entries(parts).map(([arm, byTrace]) => [arm, Object.fromEntries(Object.entries(byTrace).map(([trace, ps]) => [trace, sharesOfNeed(addBreakdowns(ps))]))]),
  );
  return { results, breakdowns };
}

/** A pooled breakdown with every host-minute figure also as a share of the need (docs/replay.md's table). */
function sharesOfNeed(b: CostBreakdown) {
  const { minutes, need, minutes_at_one_host, ...rest } = b;
  return { minutes, minutes_at_one_host, need_host_minutes: need, pct_of_need: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, Number(((100 * v) / need).toFixed(2))])) };
}

type Results = Record<string, Record<string, { tau_U: number; cost_ratio: number }>>;

/** RULE applied to the training results at one delay: the chosen lever, or null, with each candidate's verdict. */
function choose(r: Results) {
  const base = r.defaults;
  const traces = RATE_TRACES.map((t) => t.name);
  const verdicts = Object.keys(LEVERS)
    .filter((l) => l !== 'defaults')
    .map((lever) => {
      const c = r[lever];
      const tauOk = traces.every((t) => c[t].tau_U <= base[t].tau_U + RULE.tau_slack_points + 1e-9 && (base[t].tau_U > r.predictive[t].tau_U / 2 || c[t].tau_U <= r.predictive[t].tau_U / 2));
      const costOk = traces.every((t) => c[t].cost_ratio <= base[t].cost_ratio);
      const saving = 1 - c.pooled.cost_ratio / base.pooled.cost_ratio;
      return { lever, tau_guard: tauOk, no_trace_dearer: costOk, pooled_saving_pct: Number((100 * saving).toFixed(2)), eligible: tauOk && costOk && saving >= RULE.min_pooled_saving };
    });
  const best = verdicts.filter((v) => v.eligible).sort((a, b) => b.pooled_saving_pct - a.pooled_saving_pct)[0];
  return { chosen: best?.lever ?? null, verdicts };
}

/** The traces where `lever` meets issue 17's target: tau_U ≤ ½ predictive's at no higher cost ratio. */
function targetMetOn(r: Results, lever: string): string[] {
  return RATE_TRACES.map((t) => t.name).filter((t) => r[lever][t].tau_U <= r.predictive[t].tau_U / 2 && r[lever][t].cost_ratio <= r.predictive[t].cost_ratio);
}

/** Goal-then-cost over SERVING_GRID: per candidate, the traces meeting the target; the choice. */
function chooseByGoal(r: Results) {
  const rows = Object.keys(SERVING_GRID).map((lever) => ({ lever, target_met_on: targetMetOn(r, lever), pooled_cost_ratio: r[lever].pooled.cost_ratio }));
  const best = [...rows].sort((a, b) => b.target_met_on.length - a.target_met_on.length || a.pooled_cost_ratio - b.pooled_cost_ratio)[0];
  return { chosen: best.lever, candidates: rows };
}

function servingGrid(training: Slice[], heldOut: Slice[], delay: number) {
  const arms: Record<string, Arm> = { predictive: { policy: PREDICTIVE, options: {} } };
  for (const [name, l] of Object.entries(SERVING_GRID)) arms[name] = { policy: leverPolicy(l), options: {} };
  const trainingResults = evaluate(training, arms, delay).results;
  const choice = chooseByGoal(trainingResults);
  const heldOutArms = Object.fromEntries(Object.entries(arms).filter(([name]) => name === 'predictive' || name === 'defaults' || name === choice.chosen));
  const heldOutResults = evaluate(heldOut, heldOutArms, delay).results;
  const heldOutMet = Object.fromEntries(Object.keys(heldOutArms).filter((a) => a !== 'predictive').map((a) => [a, targetMetOn(heldOutResults, a)]));
  return {
    rule: "goal-then-cost on the training slices: the most traces where tiered tau_U ≤ ½ predictive's at no higher cost ratio, then the lowest pooled cost ratio",
    delay,
    training: trainingResults,
    choice,
    held_out: { results: heldOutResults, target_met_on: heldOutMet },
  };
}

export const sliceCostsSuite: BenchSuite = {
  name: 'slice-costs',
  description:
    'why tiered costs more than predictive on NASA (issue 17): simulated cost breakdown against the oracle on the replay benches\' rule-picked 6 h slices (training: 6 per first half; held-out: the 3 per second half of replay-heldout), and cost levers chosen on the training slices only',
  async run() {
    const load_average_start = os.loadavg();
    const training = slicesOf(TRAINING);
    const heldOut = slicesOf(HELD_OUT);
    const arms: Record<string, Arm> = { predictive: { policy: PREDICTIVE, options: {} } };
    for (const [name, l] of Object.entries(LEVERS)) arms[name] = { policy: leverPolicy(l), options: l.forecast ? { forecast: l.forecast } : {} };
    const trainingByDelay = DELAYS.map((delay) => {
      process.stderr.write(`  training slices at delay ${delay.toFixed(3)}\n`);
      const e = evaluate(training, arms, delay);
      return { delay, ...e, choice: choose(e.results) };
    });
    const choices = trainingByDelay.map((t) => t.choice.chosen);
    const chosen = choices.every((c) => c === choices[0]) ? choices[0] : null;
    const heldOutArms = Object.fromEntries(Object.entries(arms).filter(([name]) => name === 'predictive' || name === 'defaults' || name === chosen));
    const heldOutByDelay = DELAYS.map((delay) => ({ delay, ...evaluate(heldOut, heldOutArms, delay) }));
    const slicesList = (s: Slice[]) => Object.fromEntries(RATE_TRACES.map((t) => [t.name, s.filter((x) => x.trace === t.name).map((x) => x.offsetHours)]));
    return {
      protocol: {
        slices: `6 h slices, ${WARM_HOURS} h warm-up, by heldOutSlices (test/src/bench/replay/heldout-slices.ts): training ${TRAINING.count} per first half, held-out ${HELD_OUT.count} per second half (the slices of replay-heldout)`,
        simulation: `as shadowfleet replay simulates a slice: C = the slice's peak / ${PEAK_HOSTS}, Lc ${SIM.coldStart}, Ls ${SIM.shadowActivation}, ks ${SIM.shadowCost}, policyStrategy without synthesised utilisation; delays ${DELAYS.map((d) => d.toFixed(3)).join(' and ')} steps`,
        breakdown: 'test/src/bench/replay/cost-breakdown.ts: oracle = need + bridging + boots; strategy = need − short + bridged + anticipation + scale_in_lag + margin + booting + activating + standby + measurement',
        levers: LEVERS,
        rule: RULE.text,
      },
      slices: { training: slicesList(training), held_out: slicesList(heldOut) },
      training: trainingByDelay,
      chosen,
      held_out: heldOutByDelay,
      serving_quantile_grid: servingGrid(training, heldOut, DELAYS[0]),
      load_average_start,
      load_average_end: os.loadavg(),
    };
  },
};
