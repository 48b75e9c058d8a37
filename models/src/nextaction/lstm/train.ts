import type * as TF from '@tensorflow/tfjs';
import { InterpolatedMarkov } from '../markov/interpolated-markov';
import { encodeBatch } from './encode';
import type { LstmNetwork } from './network';
import { batchWindows, cutWindows, type LstmSession } from './windows';
import { seededRandom } from '../../random';

export interface TrainOptions {
  readonly epochs: number;
  /**
   * Adam's starting learning rate, decayed by cosine to `finalLearningRate` over the planned steps (or
   * over the time budget, if that ends first).
   */
  readonly learningRate: number;
  readonly finalLearningRate: number;
  /** Steps (targets incl. padding) per batch, and the most windows in one batch. */
  readonly batchTokens: number;
  readonly maxLanes: number;
  /** Stop after this many seconds even if epochs remain (checked between batches). */
  readonly timeBudgetSeconds: number;
  readonly seed: number;
}

export const TRAIN_DEFAULTS: TrainOptions = {
  epochs: 5,
  learningRate: 0.004,
  finalLearningRate: 0.0002,
  batchTokens: 2048,
  maxLanes: 1024,
  timeBudgetSeconds: Infinity,
  seed: 7,
};

export interface TrainProgress {
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  readonly seconds: number;
  readonly targets: number;
}

export interface TrainStats {
  readonly epochs_completed: number;
  readonly batches: number;
  readonly targets_trained: number;
  readonly seconds: number;
  readonly targets_per_second: number;
  readonly final_loss: number;
  readonly stopped_by_time_budget: boolean;
}

/** The shared seeded PRNG, under the name this module has always exported. */
export const prng = seededRandom;

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/**
 * Trains the network on every target of every session (many-to-many: the loss is taken at each step),
 * with Adam and a cosine learning-rate decay. A Markov prior, if configured, is (re)built from these
 * sessions first. Batches group windows of similar length; their order is
 * shuffled every epoch. Blocks the calling thread: run it in a worker (see train-worker.ts).
 */
export async function trainLstm(
  tf: typeof TF,
  network: LstmNetwork,
  sessions: readonly LstmSession[],
  options: Partial<TrainOptions> = {},
  onProgress?: (p: TrainProgress) => void,
): Promise<TrainStats> {
  const o = { ...TRAIN_DEFAULTS, ...options };
  if (!(o.epochs >= 1)) throw new Error(`epochs must be ≥ 1, got ${o.epochs}`);
  if (!(o.learningRate > 0)) throw new Error(`learningRate must be > 0, got ${o.learningRate}`);
  const random = prng(o.seed);
  if (network.config.markovPrior > 0) {
    network.prior = new InterpolatedMarkov(network.config.vocabSize, network.config.markovPrior).observe(sessions.map((s) => s.actions));
  }
  const windows = shuffle(cutWindows(sessions.map((s) => s.actions.length), network.config.window, network.config.burnIn), random);
  const batches = batchWindows(windows, o.batchTokens, o.maxLanes);
  const plannedSteps = Math.max(1, o.epochs * batches.length);
  // Adam whose learning rate can follow the schedule (tfjs keeps the field protected).
  const optimizer = new (class extends tf.AdamOptimizer {
    setLearningRate(lr: number): void {
      this.learningRate = lr;
    }
  })(o.learningRate, 0.9, 0.999, 1e-7);
  const started = performance.now();
  let step = 0;
  let targets = 0;
  let lastLoss = NaN;
  let epochsDone = 0;
  let stopped = false;
  const vars = [...network.variables.values()];
  try {
    for (let epoch = 0; epoch < o.epochs && !stopped; epoch++) {
      shuffle(batches, random);
      for (let b = 0; b < batches.length; b++) {
        const seconds = (performance.now() - started) / 1000;
        if (seconds > o.timeBudgetSeconds) {
          stopped = true;
          break;
        }
        // Progress through the schedule: by steps, or by time when a budget will cut training short.
        const progress = Math.min(1, Math.max(step / plannedSteps, seconds / o.timeBudgetSeconds));
        optimizer.setLearningRate(o.finalLearningRate + 0.5 * (o.learningRate - o.finalLearningRate) * (1 + Math.cos(Math.PI * progress)));
        const batch = encodeBatch(sessions, batches[b], network.config, network.prior, true);
        const cost = optimizer.minimize(() => network.loss(batch), true, vars);
        lastLoss = cost ? (await cost.data())[0] : NaN;
        cost?.dispose();
        step++;
        targets += batch.scored;
        if (!Number.isFinite(lastLoss)) throw new Error(`training diverged at epoch ${epoch + 1}, batch ${b + 1} (loss ${lastLoss}); lower learningRate`);
        onProgress?.({ epoch: epoch + 1, batch: b + 1, batches: batches.length, loss: lastLoss, seconds, targets });
      }
      if (!stopped) epochsDone++;
    }
  } finally {
    optimizer.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    epochs_completed: epochsDone,
    batches: step,
    targets_trained: targets,
    seconds,
    targets_per_second: targets / Math.max(seconds, 1e-9),
    final_loss: lastLoss,
    stopped_by_time_budget: stopped,
  };
}
