import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { isStrategyName, parsePolicy, policyStrategy, runStrategy, simulate, simulateJson, STRATEGY_NAMES, timelineCsv, type Policy } from '@shadowfleet/models';
import { simConfigFromFlags, type SimFlags } from '../../sim/options';
import { timelineSvg } from '../../sim/plot-svg';
import { readTraceFile } from '../../sim/trace-file';
import { plotWindow } from '../../sim/plot-window';

interface SimulateOpts extends SimFlags {
  trace: string;
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
    .description('Replay a per-minute request trace through the fleet simulator (BENCHMARKS.md section 1) and report elasticity metrics')
    .requiredOption(
      '--trace <file>',
      'CSV (optionally gzip): timestamp first, a "requests" column; rows with status other than ok are skipped. A headerless per-second series (*_per_second.txt) is summed into minutes',
    )
    .option('--strategy <name>', `one of ${STRATEGY_NAMES.join(', ')}`, 'tiered')
    .option('--capacity <n>', 'requests per minute one host serves (default: max(r) / 100)')
    .option('--cold-start <min>', 'minutes from launching a cold host until it serves (default 5)')
    .option('--shadow-activation <min>', 'minutes from activating a standby host until it serves (default 1)')
    .option('--shadow-cost <k>', 'host-minutes a standby host costs per minute (default 0.1)')
    .option('--column <name>', 'numeric column holding requests per minute (default requests)')
    .option('--timeline <out.csv>', 'write one row per minute: demand, serving, booting, standby, activating hosts')
    .option('--plot <out.svg>', 'draw demand, serving and standby hosts over time as SVG')
    .option('--plot-start <minute>', 'first minute of the plot (default 0)')
    .option('--plot-minutes <n>', 'minutes shown in the plot (default: the whole trace)')
    .option('--json', 'print one JSON object with the metrics')
    .option('--policy <file>', 'run the policy in this file (GET /v1/policy body or its "policy") through the same code the exporter runs; its strategy replaces --strategy')
    .action((opts: SimulateOpts) => {
      if (!isStrategyName(opts.strategy)) throw new Error(`--strategy must be one of ${STRATEGY_NAMES.join(', ')}, got "${opts.strategy}"`);
      const trace = readTraceFile(opts.trace, opts.column);
      const config = simConfigFromFlags(opts, trace.requests);
      const window = opts.plot ? plotWindow(opts.plotStart, opts.plotMinutes, trace.requests.length) : undefined;
      const policy = opts.policy ? readPolicy(opts.policy) : undefined;
      if (policy && opts.strategy !== 'tiered' && opts.strategy !== policy.strategy) {
        throw new Error(`--strategy ${opts.strategy} disagrees with the policy's strategy ${policy.strategy}: give one of them`);
      }
      const options = { timeline: Boolean(opts.timeline || opts.plot) };
      const result = policy ? simulate(trace.requests, policyStrategy(policy), config, options) : runStrategy(opts.strategy, trace.requests, config, options);
      if (opts.timeline && result.timeline) writeFileSync(opts.timeline, timelineCsv(result.timeline));
      if (opts.plot && result.timeline && window) {
        const rows = result.timeline.slice(window.start, window.start + window.minutes);
        const m = result.metrics;
        const title = `${result.strategy} on ${opts.trace.split('/').pop()} (whole trace: tau_U ${m.tau_U.toFixed(2)} %, cost ratio ${m.cost_ratio.toFixed(3)})`;
        writeFileSync(opts.plot, timelineSvg(rows, { title, startSeconds: trace.timestamps[window.start] }));
      }
      const json = simulateJson(result);
      if (opts.json) {
        process.stdout.write(JSON.stringify(json) + '\n');
        return;
      }
      const lines = Object.entries(json).map(([k, v]) => `${k.padEnd(26)} ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : v}`);
      process.stdout.write(lines.join('\n') + '\n');
    });
}
