import { spawn } from 'node:child_process';
import os from 'node:os';
import { readTraceFile, replay, sharedData, tiedToThisProcess } from '@shadowfleet/exporter';
import { shadowfleetBin } from '../../support';
import type { BenchSuite } from '../suite';
import { heldOutSlices, type HeldOutSlice } from '../replay/heldout-slices';
import { goal, MAX_RPS, SPEEDS, STRATEGIES, type Side as GoalSide } from './replay';
import { RATE_TRACES } from '../data/rate-traces';

/**
 * `npm run bench -- replay-heldout`: `tiered` against `predictive` through the real chain (`shadowfleet
 * replay`, docs/replay.md) on several slices of each trace's held-out half, the data the tuning audit's
 * choices never saw, picked by a rule fixed before any run (heldOutSlices: 3 slices of 6 h per trace). The
 * two strategies of a slice run at the same time, each its own `shadowfleet replay` process on its own
 * ports, so both see the same machine; per trace the goal of issue 17 is judged on every slice and on all
 * of them together (tau_U over all minutes, host-minutes summed).
 */
const RULE = { count: 3, hours: 6, warmHours: 24 };
/** Each strategy's replay on its own 5 ports. */
const PORT_BASES = { tiered: replay.DEFAULT_PORT_BASE, predictive: replay.DEFAULT_PORT_BASE + 20 } as const;

type Side = GoalSide & { theta_U: number; oracle_cost_host_minutes: number };
type Report = { production?: Side; simulated?: Side; speed?: number; fell_behind?: string; [k: string]: unknown };

/** One `shadowfleet replay --json` child; resolves to its report, or to `fell_behind` with its message. */
function replayProcess(args: string[]): Promise<Report> {
  return new Promise((resolve, reject) => {
    // Tied to the bench: if the bench dies, the replay gets SIGTERM and stops its chain (docs/replay.md#stopping).
    const tied = tiedToThisProcess(process.execPath, [shadowfleetBin, 'replay', ...args]);
    const child = spawn(tied.command, tied.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve(JSON.parse(out.trim().split('\n').pop()!) as Report);
      const behind = /fell behind[^\n]*/.exec(err);
      if (behind) return resolve({ fell_behind: behind[0] });
      reject(new Error(`shadowfleet replay ${args.join(' ')} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** Both strategies on one slice at once; the pair again, slower, when either fell behind. */
async function runPair(file: string, sharedPath: string, slice: HeldOutSlice): Promise<{ byStrategy: Record<string, Report>; attempts: unknown[] }> {
  const attempts: unknown[] = [];
  for (const speed of SPEEDS) {
    const load_average_start = os.loadavg();
    const argsFor = (strategy: string): string[] =>
      ['--strategy', strategy, '--trace', file, '--offset-hours', String(slice.offsetHours), '--hours', String(RULE.hours), '--warm-hours', String(RULE.warmHours), '--speed', speed, '--max-rps', MAX_RPS, '--port-base', String(PORT_BASES[strategy as keyof typeof PORT_BASES]), '--json'];
    const reports = await Promise.all(STRATEGIES.map((s) => replayProcess(argsFor(s))));
    const byStrategy = Object.fromEntries(
      STRATEGIES.map((s, i) => [s, { command: `npx shadowfleet replay ${argsFor(s).join(' ').replace(file, `../shared/data/${sharedPath}`)}`, ...reports[i] }]),
    );
    attempts.push({ speed, load_average_start, load_average_end: os.loadavg(), fell_behind: reports.filter((r) => r.fell_behind).map((r) => r.fell_behind) });
    if (reports.every((r) => r.production)) return { byStrategy, attempts };
    process.stderr.write(`bench replay-heldout: hour ${slice.offsetHours} at ${speed}×: ${reports.map((r) => r.fell_behind ?? 'ok').join('; ')}\n`);
  }
  return { byStrategy: {}, attempts };
}

/** All the slices of a trace together: tau_U and theta_U over all their minutes, host-minutes summed. */
function pooled(reports: Report[], side: 'production' | 'simulated'): Side {
  const sides = reports.map((r) => r[side]!);
  const mean = (f: (s: Side) => number): number => sides.reduce((a, s) => a + f(s), 0) / sides.length;
  const sum = (f: (s: Side) => number): number => sides.reduce((a, s) => a + f(s), 0);
  const [cost, oracle] = [sum((s) => s.cost_host_minutes), sum((s) => s.oracle_cost_host_minutes)];
  return { tau_U: mean((s) => s.tau_U), theta_U: mean((s) => s.theta_U), unserved_pct: mean((s) => s.unserved_pct), cost_host_minutes: cost, oracle_cost_host_minutes: oracle, cost_ratio: cost / oracle };
}

export const replayHeldOutSuite: BenchSuite = {
  name: 'replay-heldout',
  description: `shadowfleet replay, tiered and predictive at the same time, on ${RULE.count} slices of ${RULE.hours} h of each trace's held-out half (picked by a rule), at 60×: issue 17's goal through the real path per slice and pooled`,
  async run() {
    const traces: Record<string, unknown> = {};
    for (const t of RATE_TRACES) {
      const file = sharedData(t.file);
      if (!file) {
        traces[t.name] = { skipped: `../shared/data/${t.file} is absent` };
        continue;
      }
      const slices = heldOutSlices(readTraceFile(file), RULE);
      const runs: Array<Record<string, unknown>> = [];
      for (const slice of slices) {
        const { byStrategy, attempts } = await runPair(file, t.file, slice);
        const [ti, pr] = [byStrategy.tiered, byStrategy.predictive];
        const done = ti?.production && pr?.production;
        const run = {
          slice,
          attempts,
          ...byStrategy,
          goal: done ? { production: goal(ti.production!, pr.production!), simulated: goal(ti.simulated!, pr.simulated!) } : { not_measured: 'a run fell behind at every speed' },
        };
        runs.push(run);
        process.stderr.write(`bench replay-heldout: ${t.name} hour ${slice.offsetHours} ${JSON.stringify({ tiered: ti?.production, predictive: pr?.production, goal: run.goal })}\n`);
      }
      const measured = runs.filter((r) => (r.tiered as Report | undefined)?.production && (r.predictive as Report | undefined)?.production);
      const all = (s: 'tiered' | 'predictive'): Report[] => measured.map((r) => r[s] as Report);
      traces[t.name] = {
        slices: runs,
        pooled:
          measured.length > 0
            ? {
                slices_measured: measured.length,
                slices_meeting_goal: measured.filter((r) => (r.goal as { production: { met: boolean } }).production.met).length,
                production: goal(pooled(all('tiered'), 'production'), pooled(all('predictive'), 'production')),
                simulated: goal(pooled(all('tiered'), 'simulated'), pooled(all('predictive'), 'simulated')),
              }
            : { not_measured: 'no slice was measured' },
      };
      process.stderr.write(`bench replay-heldout: ${t.name} pooled ${JSON.stringify((traces[t.name] as { pooled: unknown }).pooled)}\n`);
    }
    return { rule: { ...RULE, text: 'the second half of each trace\'s rows cut into 3 equal parts; per part the first whole hour with no missing minute in its warm-up and slice and no minute without requests in the slice and the hour before it' }, traces };
  },
};
