import type { Command } from 'commander';
import { compareRuns, EXPERIMENT_METRICS, isStrategyName, runStrategy, STRATEGY_NAMES, type ExperimentMetric } from '@shadowfleet/models';
import { loadAugursSync } from '../../trend/augurs';
import { actuationDelayHelp, simConfigFromFlags, type SimFlags } from '../../sim/options';
import { readTraceFile } from '../../sim/trace-file';
import { registerExperimentLive } from './experiment-live';
import { printResult } from '../../progress';

interface ExperimentOpts extends SimFlags {
  trace?: string;
  a: string;
  b: string;
  metric: string;
  column?: string;
  segmentMinutes: string;
  resamples: string;
  seed: string;
  json?: boolean;
}

function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be a whole number ≥ ${min}, got ${value}`);
  return n;
}

export function registerExperiment(program: Command): void {
  const experiment: Command = program
    .command('experiment')
    .description('A/B-compare two strategies on the same trace: per-segment metric differences with a bootstrap confidence interval')
    // Checked in the action: a mandatory option here would be demanded of `experiment live` too.
    .option('--trace <file>', 'trace as for simulate (CSV, optionally gzip); required')
    .option('--a <strategy>', `baseline strategy (${STRATEGY_NAMES.join(', ')})`, 'predictive')
    .option('--b <strategy>', 'strategy compared with it', 'tiered')
    .option('--metric <name>', `one of ${EXPERIMENT_METRICS.join(', ')}`, 'tau_U')
    .option('--segment-minutes <n>', 'minutes per matched segment', '1440')
    .option('--resamples <n>', 'bootstrap resamples', '2000')
    .option('--seed <n>', 'seed of the resampling', '1')
    .option('--capacity <n>', 'requests per minute one host serves (default: max(r) / 100)')
    .option('--cold-start <min>', 'cold start in minutes (default 5)')
    .option('--shadow-activation <min>', 'shadow activation in minutes (default 1)')
    .option('--shadow-cost <k>', 'standby cost in host-minutes per minute (default 0.1)')
    .option('--actuation-delay <steps>', actuationDelayHelp())
    .option('--column <name>', 'numeric column holding requests per minute (default requests)')
    .option('--json', 'print one JSON object')
    .action((opts: ExperimentOpts) => {
      if (opts.trace === undefined) experiment.error("error: required option '--trace <file>' not specified", { code: 'commander.missingMandatoryOptionValue' });
      for (const [flag, name] of [['--a', opts.a], ['--b', opts.b]] as const) {
        if (!isStrategyName(name)) throw new Error(`${flag} must be one of ${STRATEGY_NAMES.join(', ')}, got "${name}"`);
      }
      if (!(EXPERIMENT_METRICS as readonly string[]).includes(opts.metric)) {
        throw new Error(`--metric must be one of ${EXPERIMENT_METRICS.join(', ')}, got "${opts.metric}"`);
      }
      const segmentMinutes = wholeNumber('--segment-minutes', opts.segmentMinutes, 1);
      const resamples = wholeNumber('--resamples', opts.resamples, 100);
      const seed = wholeNumber('--seed', opts.seed, 0);
      const trace = readTraceFile(opts.trace, opts.column);
      const config = simConfigFromFlags(opts, trace.requests);
      const a = runStrategy(opts.a, trace.requests, config, { timeline: true, augurs: loadAugursSync });
      const b = runStrategy(opts.b, trace.requests, config, { timeline: true, augurs: loadAugursSync });
      const r = compareRuns(a, b, { metric: opts.metric as ExperimentMetric, segmentMinutes, resamples, seed });
      const f = (v: number): string => v.toFixed(3);
      printResult(opts.json, r, () =>
        `${r.metric} over ${r.segments} segments of ${r.segment_minutes} min: ${r.a} ${f(r.mean_a)}, ${r.b} ${f(r.mean_b)}\n` +
          `difference ${r.b} − ${r.a}: ${f(r.mean_difference)} (${Math.round(r.level * 100)} % bootstrap CI ${f(r.ci_low)} … ${f(r.ci_high)}, ${r.resamples} resamples); ` +
          `${r.b} lower in ${Math.round(r.b_lower_share * 100)} % of segments`,
      );
    });
  registerExperimentLive(experiment);
}
