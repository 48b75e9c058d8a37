import type * as TF from '@tensorflow/tfjs';
import type { InterpolatedMarkov } from '../markov/interpolated-markov';
import type { LstmConfig } from './config';
import type { EncodedBatch } from './encode';
import { fusedLstmLayer } from './fused-lstm';

export interface NetworkOutput {
  /** [steps·lanes, vocabSize] next-action logits. */
  readonly logits: TF.Tensor2D;
  /** [steps·lanes, 1] predicted log1p(complexity) of the next action. */
  readonly complexity: TF.Tensor2D;
}

/**
 * The LSTM as explicit tfjs variables (no tfjs-layers: each layer's recurrence is one fused op with a
 * hand-written gradient, see fused-lstm.ts). Layer 1's input projection is a sum of rows looked up per input (action, data
 * type, profile, user bucket) plus a dense map of the time features — the same as one-hot inputs into a
 * dense layer, without building the one-hot. Gates use one sigmoid over all four blocks; the cell
 * candidate is 2σ(x)−1 (= tanh(x/2), the factor is learned into the weights). Two heads read the top
 * layer: next-action logits and the next action's log1p(complexity).
 */
export class LstmNetwork {
  /** tfjs variable names are global: each network gets its own prefix. */
  private static instances = 0;
  readonly variables: Map<string, TF.Variable>;
  /** The Markov prior (config.markovPrior > 0), set from the training data by trainLstm or on load. */
  prior?: InterpolatedMarkov;

  constructor(
    private readonly tf: typeof TF,
    readonly config: LstmConfig,
    weights?: Map<string, TF.Tensor>,
    seed = 1,
  ) {
    const H = config.hidden;
    const shapes = LstmNetwork.shapes(config);
    this.variables = new Map();
    let s = seed;
    for (const [name, shape] of shapes) {
      const given = weights?.get(name);
      if (weights && !given) throw new Error(`lstm weights lack ${name}`);
      if (given && given.shape.join() !== shape.join()) {
        throw new Error(`lstm weight ${name} has shape [${given.shape}], the config needs [${shape}]`);
      }
      let value = given ?? LstmNetwork.initial(tf, name, shape, s++);
      if (!given && (name === 'embed_action' || /^bias\d+$/.test(name))) value = LstmNetwork.forgetBiasOne(tf, value, H);
      this.variables.set(name, tf.variable(value, true, `lstm${++LstmNetwork.instances}/${name}`));
    }
  }

  /** Every weight's name and shape, in a fixed order (the save format lists them the same way). */
  static shapes(c: LstmConfig): Array<[string, number[]]> {
    const G = 4 * c.hidden;
    const list: Array<[string, number[]]> = [['embed_action', [c.vocabSize + 1, G]]];
    if (c.dataTypes > 0) list.push(['embed_datatype', [c.dataTypes + 1, G]]);
    if (c.profiles > 0) list.push(['embed_profile', [c.profiles + 1, G]]);
    if (c.userBuckets > 0) list.push(['embed_user', [c.userBuckets, G]]);
    if (c.timeFeatures) list.push(['dense_time', [4, G]]);
    if (c.historyFeatures) list.push(['dense_history', [c.vocabSize + 1, G]]);
    if (c.recencyFeatures) list.push(['dense_recency', [c.vocabSize, G]]);
    if (c.priorInput) list.push(['dense_prior', [c.vocabSize, G]]);
    for (let l = 0; l < c.layers; l++) {
      if (l > 0) list.push([`input${l}`, [c.hidden, G]], [`bias${l}`, [G]]);
      list.push([`recurrent${l}`, [c.hidden, G]]);
    }
    list.push(['head_action', [c.hidden, c.vocabSize]], ['head_action_b', [c.vocabSize]]);
    list.push(['head_complexity', [c.hidden, 1]], ['head_complexity_b', [1]]);
    return list;
  }

  private static initial(tf: typeof TF, name: string, shape: number[], seed: number): TF.Tensor {
    if (/^bias\d+$/.test(name) || name.endsWith('_b')) return tf.zeros(shape);
    if (name.startsWith('recurrent')) return tf.initializers.orthogonal({ seed }).apply(shape);
    if (name.startsWith('embed')) return tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed }).apply(shape);
    return tf.initializers.glorotUniform({ seed }).apply(shape);
  }

  /** LSTM practice: start the forget gate's bias at 1 so the cell remembers early in training. */
  private static forgetBiasOne(tf: typeof TF, value: TF.Tensor, H: number): TF.Tensor {
    const rows = value.shape.length === 1 ? 1 : value.shape[0];
    const one = tf.concat([tf.zeros([rows, H]), tf.ones([rows, H]), tf.zeros([rows, 2 * H])], 1).reshape(value.shape);
    return value.add(one);
  }

  private v(name: string): TF.Tensor2D {
    return this.variables.get(name)! as TF.Tensor as TF.Tensor2D;
  }

  /** Runs the network over a batch. Call inside tf.tidy (or an optimizer's minimize). */
  forward(batch: EncodedBatch): NetworkOutput {
    const { tf, config: c } = this;
    const { steps: T, lanes: B } = batch;
    const H = c.hidden;
    let xw = tf.gather(this.v('embed_action'), tf.tensor1d(batch.actions, 'int32')) as TF.Tensor2D;
    if (batch.dataTypes) xw = xw.add(tf.gather(this.v('embed_datatype'), tf.tensor1d(batch.dataTypes, 'int32')));
    if (batch.time) xw = xw.add(tf.matMul(tf.tensor2d(batch.time, [T * B, 4]), this.v('dense_time')));
    if (batch.history) xw = xw.add(tf.matMul(tf.tensor2d(batch.history, [T * B, c.vocabSize + 1]), this.v('dense_history')));
    if (batch.recency) xw = xw.add(tf.matMul(tf.tensor2d(batch.recency, [T * B, c.vocabSize]), this.v('dense_recency')));
    const prior = batch.prior ? tf.tensor2d(batch.prior, [T * B, c.vocabSize]) : undefined;
    if (prior && c.priorInput) xw = xw.add(tf.matMul(prior, this.v('dense_prior')));
    let perLane: TF.Tensor2D | undefined;
    if (batch.profiles) perLane = tf.gather(this.v('embed_profile'), tf.tensor1d(batch.profiles, 'int32')) as TF.Tensor2D;
    if (batch.users) {
      const u = tf.gather(this.v('embed_user'), tf.tensor1d(batch.users, 'int32')) as TF.Tensor2D;
      perLane = perLane ? (perLane.add(u) as TF.Tensor2D) : u;
    }
    let hs: TF.Tensor2D = xw;
    for (let l = 0; l < c.layers; l++) {
      let proj: TF.Tensor2D = l === 0 ? xw : tf.matMul(hs, this.v(`input${l}`)).add(this.v(`bias${l}`));
      if (l === 0 && perLane) proj = proj.reshape([T, B, 4 * H]).add(perLane).reshape([T * B, 4 * H]);
      hs = fusedLstmLayer(tf, proj, this.v(`recurrent${l}`), T, B, l);
    }
    let logits = tf.matMul(hs, this.v('head_action')).add(this.v('head_action_b')) as TF.Tensor2D;
    if (prior) logits = logits.add(prior);
    const complexity = tf.matMul(hs, this.v('head_complexity')).add(this.v('head_complexity_b')) as TF.Tensor2D;
    return { logits, complexity };
  }

  /** Masked mean cross-entropy of the next action plus masked mean squared error of log1p(complexity). */
  loss(batch: EncodedBatch): TF.Scalar {
    const { tf, config: c } = this;
    const { logits, complexity } = this.forward(batch);
    const mask = tf.tensor1d(batch.mask);
    const labels = tf.oneHot(tf.tensor1d(batch.targets, 'int32'), c.vocabSize);
    const ce = tf.losses.softmaxCrossEntropy(labels, logits, mask, 0, tf.Reduction.NONE) as TF.Tensor1D;
    let loss: TF.Scalar = ce.sum().div(Math.max(1, batch.scored));
    const known = batch.complexityMask.reduce((a, b) => a + b, 0);
    if (known > 0) {
      const err = complexity.reshape([-1]).sub(tf.tensor1d(batch.complexity)).square().mul(tf.tensor1d(batch.complexityMask));
      loss = loss.add(err.sum().div(known));
    }
    return loss;
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
  }
}
