import type * as TF from '@tensorflow/tfjs';
import { InterpolatedMarkov } from '../markov/interpolated-markov';
import { lstmConfig, type LstmConfig } from './config';
import { LstmNetwork } from './network';

/** Bump when the meaning of the saved weights changes; loaders refuse other versions. */
export const LSTM_FORMAT = 'shadowfleet-lstm';
export const LSTM_FORMAT_VERSION = 1;

export interface LstmManifest {
  readonly format: typeof LSTM_FORMAT;
  readonly formatVersion: number;
  /** Monotonic model version assigned by the caller (the registry of trained models). */
  readonly modelVersion: number;
  readonly config: LstmConfig;
  readonly weightSpecs: TF.io.WeightsManifestEntry[];
  readonly createdAt: string;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** A trained network as plain data: JSON manifest + one binary buffer in tfjs's weight format. */
export interface LstmArtifacts {
  readonly manifest: LstmManifest;
  readonly weights: ArrayBuffer;
}

export async function saveLstm(
  tf: typeof TF,
  network: LstmNetwork,
  modelVersion: number,
  meta: Record<string, unknown> = {},
  now: () => Date = () => new Date(),
): Promise<LstmArtifacts> {
  const named = [...network.variables.entries()].map(([name, v]) => ({ name, tensor: v as TF.Tensor }));
  const prior = network.prior;
  if (network.config.markovPrior > 0 && !prior) throw new Error('cannot save an LSTM whose Markov prior was never built: train it first');
  const extra = prior
    ? prior.counts.flatMap((c, o) => [
        { name: `prior_counts${o}`, tensor: tf.tensor1d(Float32Array.from(c)) },
        { name: `prior_totals${o}`, tensor: tf.tensor1d(Float32Array.from(prior.totals[o])) },
      ])
    : [];
  const { data, specs } = await tf.io.encodeWeights([...named, ...extra]);
  tf.dispose(extra.map((e) => e.tensor));
  return {
    manifest: {
      format: LSTM_FORMAT,
      formatVersion: LSTM_FORMAT_VERSION,
      modelVersion,
      config: network.config,
      weightSpecs: specs,
      createdAt: now().toISOString(),
      meta,
    },
    weights: data,
  };
}

export function loadLstm(tf: typeof TF, artifacts: LstmArtifacts): LstmNetwork {
  const m = artifacts.manifest;
  if (m?.format !== LSTM_FORMAT) throw new Error(`not a ${LSTM_FORMAT} model (format ${JSON.stringify(m?.format)})`);
  if (m.formatVersion !== LSTM_FORMAT_VERSION) {
    throw new Error(`${LSTM_FORMAT} format version ${m.formatVersion} is not supported (this build reads ${LSTM_FORMAT_VERSION}); retrain the model`);
  }
  // Models saved before priorInput / recencyFeatures existed have neither.
  const saved = m.config as Partial<LstmConfig>;
  const config = lstmConfig({ ...m.config, priorInput: saved.priorInput ?? false, recencyFeatures: saved.recencyFeatures ?? false });
  const decoded = tf.io.decodeWeights(artifacts.weights, m.weightSpecs);
  const weights = new Map(Object.entries(decoded));
  try {
    const network = new LstmNetwork(tf, config, weights);
    if (config.markovPrior > 0) {
      const read = (name: string): Float64Array => {
        const t = weights.get(name);
        if (!t) throw new Error(`lstm weights lack ${name}`);
        return Float64Array.from(t.dataSync());
      };
      const orders = [...Array(config.markovPrior + 1).keys()];
      network.prior = InterpolatedMarkov.fromCounts(config.vocabSize, config.markovPrior, 1, orders.map((o) => read(`prior_counts${o}`)), orders.map((o) => read(`prior_totals${o}`)));
    }
    return network;
  } finally {
    for (const t of weights.values()) t.dispose();
  }
}
