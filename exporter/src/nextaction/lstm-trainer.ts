import {
  LstmPredictor,
  TRAIN_DEFAULTS,
  MarkovBackoff,
  MixturePredictor,
  loadLstm,
  tfReady,
  tuneMixture,
  validationSplit,
  type DistributionModel,
  type LstmConfig,
  type NextActionPredictor,
  type TrainOptions,
} from '@shadowfleet/models';
import { trainInWorker } from './lstm-worker/worker-client';
import type { ModelTrainer } from './evaluate-next-action';

export interface LstmTrainerSettings {
  readonly config: Partial<Omit<LstmConfig, 'vocabSize'>>;
  readonly options: Partial<TrainOptions>;
  readonly log?: (line: string) => void;
  /**
   * Every n-th training session is held out (validation) to tune the weight of the Markov-3 back-off
   * chain mixed into the LSTM's next-action distribution; 0 = no mixture, the LSTM trains on all.
   */
  readonly mixValidationEvery?: number;
  /**
   * LSTMs trained at the same time, each in its own worker thread with its own seed (the two cores
   * of the benchmark machine); their next-action distributions are averaged. Default 1: on MSNBC two
   * 1×128 members beat one by only +0.0001 top-1 (they share the Markov prior).
   */
  readonly members?: number;
}

export const MIX_VALIDATION_EVERY = 20;
export const LSTM_MEMBERS = 1;

/**
 * The `lstm` entry of `evaluate next-action`: trains `members` LSTMs at once, each in a worker_thread,
 * and predicts on this thread. By default the result is the members' average mixed with the Markov-3
 * chain, the weight tuned on held-out training sessions; the average alone is reported as the variant
 * `lstm-ensemble`, the first member alone as `lstm-network`.
 */
export function lstmTrainer(settings: LstmTrainerSettings): ModelTrainer {
  return async (train, vocabSize) => {
    const tf = await tfReady();
    const every = settings.mixValidationEvery ?? MIX_VALIDATION_EVERY;
    const { fit, validation } = every > 0 ? validationSplit(train, every) : { fit: train.slice(), validation: [] };
    const members = settings.members ?? LSTM_MEMBERS;
    if (!Number.isInteger(members) || members < 1) throw new Error(`lstm members must be an integer ≥ 1, got ${members}`);
    let lastLog = -Infinity;
    const seed = settings.options.seed ?? TRAIN_DEFAULTS.seed;
    const runs = await Promise.all(
      Array.from({ length: members }, (_, m) =>
        trainInWorker({ ...settings.config, vocabSize }, fit.map((actions) => ({ actions })), { ...settings.options, seed: seed + m }, {
          onProgress: (p) => {
            if (m > 0 || p.seconds < 1 || p.seconds - lastLog < 30) return;
            lastLog = p.seconds;
            settings.log?.(`lstm: epoch ${p.epoch} batch ${p.batch}/${p.batches} loss ${p.loss.toFixed(4)} ${p.seconds.toFixed(0)} s, ${(p.targets / Math.max(p.seconds, 1e-9)).toFixed(0)} targets/s (member 1 of ${members})`);
          },
        }),
      ),
    );
    const networks = runs.map((r) => loadLstm(tf, r.artifacts));
    const predictors = networks.map((n) => new LstmPredictor(tf, n));
    // Equal-weight average: member k joins the average of the first k with weight 1/(k+1).
    let lstm: DistributionModel & NextActionPredictor = predictors[0];
    for (let k = 1; k < predictors.length; k++) lstm = new MixturePredictor(lstm, predictors[k], 1 / (k + 1), members > 1 ? 'lstm-ensemble' : 'lstm');
    const stats = runs.map((r) => r.stats);
    const extra: Record<string, unknown> = {
      config: networks[0].config,
      members,
      epochs_completed: Math.min(...stats.map((s) => s.epochs_completed)),
      stopped_by_time_budget: stats.some((s) => s.stopped_by_time_budget),
      train_loop_seconds: Math.round(Math.max(...stats.map((s) => s.seconds)) * 10) / 10,
      targets_trained: stats.reduce((a, s) => a + s.targets_trained, 0),
      targets_per_second: Math.round(stats.reduce((a, s) => a + s.targets_per_second, 0)),
      targets_per_second_per_member: stats.map((s) => Math.round(s.targets_per_second)),
    };
    if (validation.length === 0) return { model: lstm, extra };
    const markov = new MarkovBackoff(vocabSize, 3).observe(fit);
    const tuning = await tuneMixture(lstm, markov, validation);
    settings.log?.(`lstm: Markov-3 mixture weight ${tuning.weight} (validation: ${tuning.table.map((r) => `${r.weight}→${r.top1.toFixed(4)}/${r.top3.toFixed(4)}`).join(' ')})`);
    // Tuned: from now on both parts count the validation sessions too (all of the training split).
    markov.observe(validation);
    for (const n of networks) n.prior?.observe(validation);
    return {
      model: new MixturePredictor(lstm, markov, tuning.weight, 'lstm'),
      extra: {
        ...extra,
        mixture: {
          with: 'markov3',
          weight: tuning.weight,
          validation_sessions: validation.length,
          validation_targets: tuning.validationTargets,
          fit_sessions: fit.length,
          validation_table: tuning.table.map((r) => ({ weight: r.weight, top1: round(r.top1), top3: round(r.top3) })),
        },
      },
      variants: (members > 1 ? { 'lstm-ensemble': lstm, 'lstm-network': predictors[0] } : { 'lstm-network': lstm }) as Record<string, NextActionPredictor>,
    };
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
