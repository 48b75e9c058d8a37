import {
  LstmPredictor,
  MarkovBackoff,
  MixturePredictor,
  loadLstm,
  tfReady,
  trainInWorker,
  tuneMixture,
  validationSplit,
  type LstmConfig,
  type TrainOptions,
} from '@shadowfleet/models';
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
}

export const MIX_VALIDATION_EVERY = 20;

/**
 * The `lstm` entry of `evaluate next-action`: trains in a worker_thread, predicts on this thread. By
 * default the result is the LSTM mixed with the Markov-3 chain, the weight tuned on held-out training
 * sessions; the network alone is reported as the variant `lstm-network`.
 */
export function lstmTrainer(settings: LstmTrainerSettings): ModelTrainer {
  return async (train, vocabSize) => {
    const tf = await tfReady();
    const every = settings.mixValidationEvery ?? MIX_VALIDATION_EVERY;
    const { fit, validation } = every > 0 ? validationSplit(train, every) : { fit: train.slice(), validation: [] };
    let lastLog = -Infinity;
    const { artifacts, stats } = await trainInWorker(
      { ...settings.config, vocabSize },
      fit.map((actions) => ({ actions })),
      settings.options,
      {
        onProgress: (p) => {
          if (p.seconds < 1 || p.seconds - lastLog < 30) return;
          lastLog = p.seconds;
          settings.log?.(`lstm: epoch ${p.epoch} batch ${p.batch}/${p.batches} loss ${p.loss.toFixed(4)} ${p.seconds.toFixed(0)} s, ${(p.targets / Math.max(p.seconds, 1e-9)).toFixed(0)} targets/s`);
        },
      },
    );
    const network = loadLstm(tf, artifacts);
    const lstm = new LstmPredictor(tf, network);
    const extra: Record<string, unknown> = {
      config: network.config,
      epochs_completed: stats.epochs_completed,
      stopped_by_time_budget: stats.stopped_by_time_budget,
      train_loop_seconds: Math.round(stats.seconds * 10) / 10,
      targets_trained: stats.targets_trained,
      targets_per_second: Math.round(stats.targets_per_second),
    };
    if (validation.length === 0) return { model: lstm, extra };
    const markov = new MarkovBackoff(vocabSize, 3).observe(fit);
    const tuning = await tuneMixture(lstm, markov, validation);
    settings.log?.(`lstm: Markov-3 mixture weight ${tuning.weight} (validation: ${tuning.table.map((r) => `${r.weight}→${r.top1.toFixed(4)}/${r.top3.toFixed(4)}`).join(' ')})`);
    // Tuned: from now on both parts count the validation sessions too (all of the training split).
    markov.observe(validation);
    network.prior?.observe(validation);
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
      variants: { 'lstm-network': lstm },
    };
  };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
