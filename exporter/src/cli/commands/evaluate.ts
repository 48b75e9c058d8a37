import type { Command } from 'commander';
import { readMsnbcFile, MSNBC_CATEGORIES } from '../../nextaction/msnbc';
import { baselineTrainers, evaluateNextAction, type ModelTrainer } from '../../nextaction/evaluate-next-action';

const ALL_MODELS = Object.keys(baselineTrainers);

function parseLimit(v: string | undefined): number {
  if (v === undefined) return Infinity;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 5) throw new Error(`--limit must be an integer ≥ 5 (sessions), got ${v}`);
  return n;
}

export function registerEvaluate(program: Command): void {
  const evaluate = program.command('evaluate').description('Measure model quality on real data (BENCHMARKS.md protocols)');
  evaluate
    .command('next-action')
    .description('Next-action top-1/top-3 accuracy on the MSNBC clickstream (BENCHMARKS.md §2)')
    .requiredOption('--data <file>', 'msnbc990928.seq or .seq.gz')
    .option('--limit <n>', 'keep only the first N sessions of the file, then split them the same way')
    .option('--models <list>', `comma-separated models to run (${ALL_MODELS.join(', ')})`, ALL_MODELS.join(','))
    .option('--json', 'print one JSON object instead of a table')
    .action(async (opts: { data: string; limit?: string; models: string; json?: boolean }) => {
      const limit = parseLimit(opts.limit);
      const wanted = opts.models.split(',').map((s) => s.trim()).filter(Boolean);
      const trainers: Record<string, ModelTrainer> = {};
      for (const name of wanted) {
        const t = baselineTrainers[name];
        if (!t) throw new Error(`--models: unknown model "${name}"; known: ${ALL_MODELS.join(', ')}`);
        trainers[name] = t;
      }
      const sessions = readMsnbcFile(opts.data, limit);
      const log = (line: string): void => void process.stderr.write(`${line}\n`);
      const report = await evaluateNextAction(sessions, MSNBC_CATEGORIES.length, trainers, log);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      process.stdout.write(`${report.protocol}\nsessions ${report.sessions}, test targets ${report.targets}\n`);
      for (const [name, r] of Object.entries(report.models)) {
        process.stdout.write(`${name.padEnd(14)} top-1 ${r.top1.toFixed(4)}  top-3 ${r.top3.toFixed(4)}  train ${r.train_seconds.toFixed(1)} s\n`);
      }
    });
}
