import { progress, replay, sharedData } from '@shadowfleet/exporter';
import type { BenchSuite } from '../suite';
import { RATE_TRACES, type RateTrace } from '../data/rate-traces';

/**
 * `npm run bench -- replay`: `shadowfleet replay` with the product's `tiered` and with the `predictive`
 * baseline (the same manager, rules, Alertmanager, webhook and HAProxy; docs/replay.md) on 6 hours of each
 * trace at speed 60, each after 24 hours of warm-up, one run after the other; per run the production and
 * simulated metrics, their agreement and the machine's load average, and per trace the goal of issue 17
 * (tiered's tau_U ≤ ½ of predictive's at no higher cost) through the real path and in the simulation.
 * A run that falls behind is recorded as such, without numbers, and retried slower.
 *
 * The slices are fixed before any run, one per trace (`replaySlice` in ../data/rate-traces.ts, which says why).
 */
export const STRATEGIES = ['tiered', 'predictive'] as const;
/**
 * Speed 60, and 60 again when the shared machine made a run fall behind (another job's burst); only then
 * 30 (the result says the speed; the goal says whether both strategies ran at the same one).
 */
export const SPEEDS = ['60', '60', '30'] as const;
const HOURS = '6';
export const MAX_RPS = '30';

export type Side = { tau_U: number; cost_host_minutes: number; cost_ratio: number; unserved_pct: number };

/** Issue 17's goal on one side (production or simulated): tiered's tau_U ≤ ½ predictive's, its cost no higher. */
export function goal(tiered: Side, predictive: Side): Record<string, number | boolean | null> {
  return {
    tiered_tau_U: tiered.tau_U,
    predictive_tau_U: predictive.tau_U,
    /** null when predictive was never under-provisioned and tiered was (no finite ratio). */
    tau_U_ratio: predictive.tau_U > 0 ? tiered.tau_U / predictive.tau_U : tiered.tau_U > 0 ? null : 0,
    tiered_cost_ratio: tiered.cost_ratio,
    predictive_cost_ratio: predictive.cost_ratio,
    cost_relative: tiered.cost_host_minutes / predictive.cost_host_minutes - 1,
    met: 2 * tiered.tau_U <= predictive.tau_U && tiered.cost_host_minutes <= predictive.cost_host_minutes,
  };
}

/** The command line of one replay run, as the result lists it. */
export function replayCommand(s: RateTrace, strategy: string, speed: string): string {
  const at = 'from' in s.replaySlice ? `--from ${s.replaySlice.from}` : `--offset-hours ${s.replaySlice.offsetHours}`;
  return `npx shadowfleet replay --strategy ${strategy} --trace ../shared/data/${s.file} ${at} --hours ${HOURS} --speed ${speed} --max-rps ${MAX_RPS} --json`;
}

async function runOne(file: string, s: RateTrace, strategy: string): Promise<{ result: Record<string, unknown>; attempts: Array<Record<string, unknown>> }> {
  const attempts: Array<Record<string, unknown>> = [];
  for (const speed of SPEEDS) {
    const flags = { trace: file, ...s.replaySlice, hours: HOURS, speed, warmHours: '24', peakHosts: '20', maxRps: MAX_RPS, portBase: String(replay.DEFAULT_PORT_BASE), strategy };
    const command = replayCommand(s, strategy, speed);
    try {
      const report = await replay.runReplay({ ...replay.parseReplayFlags(flags), progress: progress.stderrProgress('bench replay', { only: ['bench replay'] }) });
      attempts.push({ command, ...report });
      break;
    } catch (err) {
      if (!(err instanceof replay.ReplayFellBehind)) throw err;
      attempts.push({ command, fell_behind: err.message });
      process.stderr.write(`bench replay: ${s.name} ${strategy} at ${speed}×: ${err.message}\n`);
    }
  }
  return { result: attempts[attempts.length - 1], attempts };
}

export const replaySuite: BenchSuite = {
  name: 'replay',
  description: 'shadowfleet replay: 6 h of NASA, World Cup 98 and Twitter through the real chain at 60×, tiered and predictive, against the simulation of the same slices',
  async run() {
    const runs: Record<string, unknown> = {};
    for (const s of RATE_TRACES) {
      const file = sharedData(s.file);
      if (!file) {
        runs[s.name] = { skipped: `../shared/data/${s.file} is absent` };
        continue;
      }
      const byStrategy: Record<string, { result: Record<string, unknown>; attempts: Array<Record<string, unknown>> }> = {};
      for (const strategy of STRATEGIES) {
        byStrategy[strategy] = await runOne(file, s, strategy);
        const r = byStrategy[strategy].result;
        process.stderr.write(`bench replay: ${s.name} ${strategy} ${JSON.stringify(r.production ?? r)} load ${JSON.stringify(r.load_average ?? '')}\n`);
      }
      const [t, p] = [byStrategy.tiered.result, byStrategy.predictive.result];
      const done = t.production && p.production;
      runs[s.name] = {
        ...byStrategy,
        goal: done
          ? {
              same_speed: t.speed === p.speed,
              production: goal(t.production as Side, p.production as Side),
              simulated: goal(t.simulated as Side, p.simulated as Side),
            }
          : { not_measured: 'a run fell behind at every speed' },
      };
      process.stderr.write(`bench replay: ${s.name} goal ${JSON.stringify((runs[s.name] as { goal: unknown }).goal)}\n`);
    }
    return runs;
  },
};
