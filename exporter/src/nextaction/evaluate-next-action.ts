import {
  MarkovBackoff,
  NEXT_ACTION_PROTOCOL,
  countTargets,
  mostFrequentBaseline,
  scoreTopK,
  splitSessions,
  type ActionSequence,
  type NextActionPredictor,
} from '@shadowfleet/models';

export interface ModelResult {
  readonly top1: number;
  readonly top3: number;
  readonly train_seconds: number;
  readonly [extra: string]: unknown;
}

export interface NextActionReport {
  readonly protocol: string;
  readonly sessions: number;
  readonly train_sessions: number;
  readonly test_sessions: number;
  readonly targets: number;
  readonly train_targets: number;
  readonly models: Record<string, ModelResult>;
}

/** Trains a model on the training sessions; may add extra figures (epochs, throughput …) to the result. */
export type ModelTrainer = (
  train: readonly ActionSequence[],
  vocabSize: number,
) => Promise<{
  model: NextActionPredictor;
  extra?: Record<string, unknown>;
  /** Other predictors from the same training (e.g. one part of an ensemble), scored and reported under their names. */
  variants?: Record<string, NextActionPredictor>;
}>;

const markov = (order: number): ModelTrainer => async (train, vocabSize) => ({
  model: new MarkovBackoff(vocabSize, order).observe(train),
});

/** The cheap baselines; the LSTM trainer is added by the caller (it needs a worker thread). */
export const baselineTrainers: Record<string, ModelTrainer> = {
  'most-frequent': async (train, vocabSize) => ({ model: mostFrequentBaseline(vocabSize).observe(train) }),
  markov1: markov(1),
  markov3: markov(3),
};

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Runs BENCHMARKS.md §2 on the given sessions (file order, non-empty) with the named trainers, in order. */
export async function evaluateNextAction(
  sessions: readonly ActionSequence[],
  vocabSize: number,
  trainers: Record<string, ModelTrainer>,
  log: (line: string) => void = () => {},
): Promise<NextActionReport> {
  const { train, test } = splitSessions(sessions);
  const models: Record<string, ModelResult> = {};
  for (const [name, trainer] of Object.entries(trainers)) {
    log(`${name}: training on ${train.length} sessions`);
    const started = performance.now();
    const { model, extra, variants } = await trainer(train, vocabSize);
    const trainSeconds = (performance.now() - started) / 1000;
    for (const [entry, predictor, more] of [[name, model, extra], ...Object.entries(variants ?? {}).map(([v, p]) => [v, p, { variant_of: name }] as const)] as const) {
      const evalStarted = performance.now();
      const score = await scoreTopK(predictor, test);
      const evalSeconds = (performance.now() - evalStarted) / 1000;
      models[entry] = {
        top1: round(score.top1),
        top3: round(score.top3),
        train_seconds: round(trainSeconds),
        eval_seconds: round(evalSeconds),
        ...more,
      };
      log(`${entry}: top-1 ${score.top1.toFixed(4)} top-3 ${score.top3.toFixed(4)} (${trainSeconds.toFixed(1)} s training)`);
    }
  }
  return {
    protocol: NEXT_ACTION_PROTOCOL,
    sessions: sessions.length,
    train_sessions: train.length,
    test_sessions: test.length,
    targets: countTargets(test),
    train_targets: countTargets(train),
    models,
  };
}
