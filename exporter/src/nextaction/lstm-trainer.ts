import { LstmPredictor, loadLstm, tfReady, trainInWorker, type LstmConfig, type TrainOptions } from '@shadowfleet/models';
import type { ModelTrainer } from './evaluate-next-action';

export interface LstmTrainerSettings {
  readonly config: Partial<Omit<LstmConfig, 'vocabSize'>>;
  readonly options: Partial<TrainOptions>;
  readonly log?: (line: string) => void;
}

/** The `lstm` entry of `evaluate next-action`: trains in a worker_thread, predicts on this thread. */
export function lstmTrainer(settings: LstmTrainerSettings): ModelTrainer {
  return async (train, vocabSize) => {
    const tf = await tfReady();
    let lastLog = -Infinity;
    const { artifacts, stats } = await trainInWorker(
      { ...settings.config, vocabSize },
      train.map((actions) => ({ actions })),
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
    return {
      model: new LstmPredictor(tf, network),
      extra: {
        config: network.config,
        epochs_completed: stats.epochs_completed,
        stopped_by_time_budget: stats.stopped_by_time_budget,
        train_loop_seconds: Math.round(stats.seconds * 10) / 10,
        targets_trained: stats.targets_trained,
        targets_per_second: Math.round(stats.targets_per_second),
      },
    };
  };
}
