import type { Command } from 'commander';
import { readMsnbcFile, MSNBC_CATEGORIES } from '../../nextaction/msnbc';
import { baselineTrainers, evaluateNextAction, type ModelTrainer } from '../../nextaction/evaluate-next-action';
import { LSTM_MEMBERS, MIX_VALIDATION_EVERY, lstmTrainer } from '../../nextaction/lstm-trainer';
import { measureLstmThroughput } from '../../nextaction/lstm-throughput';
import { printResult, stderrProgress } from '../../progress';

const ALL_MODELS = [...Object.keys(baselineTrainers), 'lstm'];

function positive(flag: string, v: string | undefined, integer: boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Error(`${flag} must be a positive ${integer ? 'integer' : 'number'}, got ${v}`);
  return n;
}

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
    .option('--lstm-hidden <n>', 'LSTM hidden units per layer')
    .option('--lstm-layers <n>', 'stacked LSTM layers')
    .option('--lstm-epochs <n>', 'passes over the training targets')
    .option('--lstm-budget <seconds>', 'stop LSTM training after this many seconds', '820')
    .option('--lstm-lr <rate>', "Adam's starting learning rate")
    .option('--lstm-batch-tokens <n>', 'time steps per training batch')
    .option('--lstm-markov-prior <order>', 'order of the Markov prior added to the logits (0 = none)')
    .option('--lstm-no-history', 'without the session-history inputs')
    .option('--lstm-window <n>', 'longest window of actions fed at once')
    .option('--lstm-members <n>', 'LSTMs trained at once, one worker thread each, their distributions averaged', String(LSTM_MEMBERS))
    .option('--lstm-recency', 'recency inputs: 1 / (1 + steps since each action last occurred)')
    .option('--lstm-prior-input', "feed the Markov prior's log-probabilities into the first layer too")
    .option('--lstm-mix-every <n>', `hold out every n-th training session to tune the Markov-3 mixture weight (0 = LSTM alone, trained on all)`, String(MIX_VALIDATION_EVERY))
    .option('--lstm-throughput <seconds>', 'also train the 1×32 reference LSTM for this long and report its targets/s')
    .action(async (opts: EvaluateOptions) => {
      const limit = parseLimit(opts.limit);
      const log = stderrProgress('evaluate');
      const wanted = opts.models.split(',').map((s) => s.trim()).filter(Boolean);
      const trainers: Record<string, ModelTrainer> = {};
      for (const name of wanted) {
        const t = name === 'lstm' ? lstmFrom(opts, log) : baselineTrainers[name];
        if (!t) throw new Error(`--models: unknown model "${name}"; known: ${ALL_MODELS.join(', ')}`);
        trainers[name] = t;
      }
      const sessions = readMsnbcFile(opts.data, limit);
      const report = await evaluateNextAction(sessions, MSNBC_CATEGORIES.length, trainers, log);
      const throughput = opts.lstmThroughput === undefined ? undefined : await measureLstmThroughput(sessions, MSNBC_CATEGORIES.length, positive('--lstm-throughput', opts.lstmThroughput, false)!);
      printResult(opts.json, throughput ? { ...report, lstm_throughput_1x32: throughput } : report, () =>
        [
          report.protocol,
          `sessions ${report.sessions}, test targets ${report.targets}`,
          ...Object.entries(report.models).map(([name, r]) => `${name.padEnd(14)} top-1 ${r.top1.toFixed(4)}  top-3 ${r.top3.toFixed(4)}  train ${r.train_seconds.toFixed(1)} s`),
          ...(throughput ? [`1×32 LSTM training: ${throughput.targets_per_second} targets/s (${throughput.targets_per_cpu_second} per CPU second)`] : []),
        ].join('\n'),
      );
    });
}

interface EvaluateOptions {
  data: string;
  limit?: string;
  models: string;
  json?: boolean;
  lstmHidden?: string;
  lstmLayers?: string;
  lstmEpochs?: string;
  lstmBudget?: string;
  lstmLr?: string;
  lstmBatchTokens?: string;
  lstmMarkovPrior?: string;
  lstmHistory?: boolean;
  lstmWindow?: string;
  lstmPriorInput?: boolean;
  lstmRecency?: boolean;
  lstmMembers?: string;
  lstmMixEvery?: string;
  lstmThroughput?: string;
}

function lstmFrom(opts: EvaluateOptions, log: (line: string) => void): ModelTrainer {
  const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return lstmTrainer({
    config: defined({
      hidden: positive('--lstm-hidden', opts.lstmHidden, true),
      layers: positive('--lstm-layers', opts.lstmLayers, true),
      markovPrior: opts.lstmMarkovPrior === '0' ? 0 : positive('--lstm-markov-prior', opts.lstmMarkovPrior, true),
      historyFeatures: opts.lstmHistory === false ? false : undefined,
      window: positive('--lstm-window', opts.lstmWindow, true),
      priorInput: opts.lstmPriorInput,
      recencyFeatures: opts.lstmRecency,
    }),
    options: defined({
      epochs: positive('--lstm-epochs', opts.lstmEpochs, true),
      timeBudgetSeconds: positive('--lstm-budget', opts.lstmBudget, false),
      learningRate: positive('--lstm-lr', opts.lstmLr, false),
      batchTokens: positive('--lstm-batch-tokens', opts.lstmBatchTokens, true),
    }),
    log,
    mixValidationEvery: opts.lstmMixEvery === '0' ? 0 : positive('--lstm-mix-every', opts.lstmMixEvery, true),
    members: positive('--lstm-members', opts.lstmMembers, true),
  });
}
