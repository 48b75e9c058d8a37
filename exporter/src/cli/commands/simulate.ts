import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  COMPLEXITY_BASES,
  EVENT_FORECASTS,
  isStrategyName,
  parsePolicy,
  policyStrategy,
  runStrategy,
  simulate,
  simulateEvents,
  simulateJson,
  STRATEGY_NAMES,
  timelineCsv,
  type EventReplayResult,
  type Policy,
  type SimConfig,
  type SimResult,
} from '@shadowfleet/models';
import { checkEventFlags, DEFAULT_EVENT_FORECAST, EXPORTER_ADAPTER, readEventDemand, type EventFlags } from '../../sim/events-input';
import { actuationDelayHelp, simConfigFromFlags, type SimFlags } from '../../sim/options';
import { timelineSvg } from '../../sim/plot-svg';
import { readTraceFile } from '../../sim/trace-file';
import { plotWindow } from '../../sim/plot-window';
import { loadAugursSync } from '../../trend/augurs';
import { printResult } from '../../progress';

interface SimulateOpts extends SimFlags, Partial<Omit<EventFlags, 'basis' | 'forecast'>> {
  trace?: string;
  basis: string;
  forecast: string;
  strategy: string;
  column?: string;
  timeline?: string;
  plot?: string;
  plotStart?: string;
  plotMinutes?: string;
  json?: boolean;
  policy?: string;
}

/** A policy file: the `policy` of GET /v1/policy, or that whole body. Errors name the file and each field. */
function readPolicy(file: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`--policy ${file}: ${(err as Error).message}`);
  }
  const body = raw !== null && typeof raw === 'object' && 'policy' in raw ? (raw as { policy: unknown }).policy : raw;
  const parsed = parsePolicy(body);
  if (!parsed.ok) throw new Error(`--policy ${file}: ${parsed.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
  return parsed.policy;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('Replay a per-minute request trace (or a per-request log) through the fleet simulator (BENCHMARKS.md section 1) and report elasticity metrics')
    .option(
      '--trace <file>',
      'CSV (optionally gzip): timestamp first, a "requests" column; rows with status other than ok are skipped. A headerless per-second series (*_per_second.txt) is summed into minutes',
    )
    .option('--events <log>', 'instead of --trace: a per-request log (any import format); per-minute demand = summed request complexity')
    .option('--format <name>', 'format of --events: nasa, epa, clf, csv, ndjson …')
    .option('--basis <unit>', `complexity unit of --events: ${COMPLEXITY_BASES.join(', ')} (bytes = KiB of response)`, 'bytes')
    .option('--forecast <kind>', `tier 2's outside forecast with --events: ${EVENT_FORECASTS.join(', ')} (foresight = true future demand, an upper bound)`, DEFAULT_EVENT_FORECAST)
    .option('--month <YYYY-MM>', 'month of EPA-style [DD:HH:MM:SS] stamps', '1995-08')
    .option('--utc-offset <±HH:MM>', 'zone of EPA-style stamps', '-04:00')
    .option('--action-depth <n>', 'directory levels of a URL kept as the action (web logs)')
    .option('--strategy <name>', `one of ${STRATEGY_NAMES.join(', ')}`, 'tiered')
    .option('--capacity <n>', 'requests per minute one host serves (default: max(r) / 100)')
    .option('--cold-start <min>', 'minutes from launching a cold host until it serves (default 5)')
    .option('--shadow-activation <min>', 'minutes from activating a standby host until it serves (default 1)')
    .option('--shadow-cost <k>', 'host-minutes a standby host costs per minute (default 0.1)')
    .option('--actuation-delay <steps>', actuationDelayHelp())
    .option('--column <name>', 'numeric column holding requests per minute (default requests)')
    .option('--timeline <out.csv>', 'write one row per minute: demand, serving, booting, standby, activating hosts')
    .option('--plot <out.svg>', 'draw demand, serving and standby hosts over time as SVG')
    .option('--plot-start <minute>', 'first minute of the plot (default 0)')
    .option('--plot-minutes <n>', 'minutes shown in the plot (default: the whole trace)')
    .option('--json', 'print one JSON object with the metrics')
    .option('--policy <file>', 'run the policy in this file (GET /v1/policy body or its "policy") through the same code the exporter runs; its strategy replaces --strategy')
    .action(async (opts: SimulateOpts) => {
      if (!isStrategyName(opts.strategy)) throw new Error(`--strategy must be one of ${STRATEGY_NAMES.join(', ')}, got "${opts.strategy}"`);
      if ((opts.trace === undefined) === (opts.events === undefined)) throw new Error('give exactly one of --trace <file> and --events <log>');
      const policy = opts.policy ? readPolicy(opts.policy) : undefined;
      if (policy && opts.strategy !== 'tiered' && opts.strategy !== policy.strategy) {
        throw new Error(`--strategy ${opts.strategy} disagrees with the policy's strategy ${policy.strategy}: give one of them`);
      }
      const timeline = Boolean(opts.timeline || opts.plot);
      let trace: { requests: ArrayLike<number>; timestamps: ArrayLike<number> };
      let run: (config: SimConfig) => SimResult;
      if (opts.events !== undefined) {
        const { basis, forecast } = checkEventFlags({ ...opts, events: opts.events });
        const demand = await readEventDemand({ ...opts, events: opts.events }, basis);
        trace = { requests: demand.load, timestamps: Array.from(demand.load, (_, i) => demand.startMs / 1000 + 60 * i) };
        run = (config) => simulateEvents(demand, policy?.strategy ?? opts.strategy, config, { forecast, timeline, loadModel: { basis }, adapter: EXPORTER_ADAPTER, policy, augurs: loadAugursSync });
      } else {
        const t = readTraceFile(opts.trace!, opts.column);
        trace = t;
        run = (config) => (policy ? simulate(t.requests, policyStrategy(policy), config, { timeline }) : runStrategy(opts.strategy, t.requests, config, { timeline, augurs: loadAugursSync }));
      }
      const config = simConfigFromFlags(opts, trace.requests);
      const window = opts.plot ? plotWindow(opts.plotStart, opts.plotMinutes, trace.requests.length) : undefined;
      const result = run(config);
      if (opts.timeline && result.timeline) writeFileSync(opts.timeline, timelineCsv(result.timeline));
      if (opts.plot && result.timeline && window) {
        const rows = result.timeline.slice(window.start, window.start + window.minutes);
        const m = result.metrics;
        const title = `${result.strategy} on ${(opts.trace ?? opts.events ?? '').split('/').pop()} (whole trace: tau_U ${m.tau_U.toFixed(2)} %, cost ratio ${m.cost_ratio.toFixed(3)}; actuation delay ${(config.actuationDelay ?? 0).toFixed(3)} step)`;
        writeFileSync(opts.plot, timelineSvg(rows, { title, startSeconds: trace.timestamps[window.start] }));
      }
      // With --events: the contract keys, then the basis, the outside forecast and how often it sized tier 2.
      const external = 'external' in result ? (result as EventReplayResult).external : undefined;
      const tiered = (policy?.strategy ?? opts.strategy) === 'tiered';
      const json = opts.events === undefined ? simulateJson(result) : { ...simulateJson(result), basis: opts.basis, ...(tiered ? { forecast: opts.forecast } : {}), ...(external ? { external } : {}) };
      printResult(opts.json, json, (j) => Object.entries(j).map(([k, v]) => `${k.padEnd(26)} ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : typeof v === 'object' ? JSON.stringify(v) : v}`).join('\n'));
    });
}
