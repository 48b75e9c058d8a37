import type * as TF from '@tensorflow/tfjs';
import type { LstmConfig } from '../config';
import type { LstmNetwork } from '../network';
import { WasmOps } from '../wasm-ops';

/**
 * One step's inputs for a batch of lanes (a lane = one session's state slot taking one action),
 * filled by the caller: lane b's action, data type, profile and user indices, and its dense features
 * (time of day/week, history, recency, prior: whichever the config has, in that order) at
 * dense[b·denseWidth …].
 */
export interface LaneInputs {
  readonly actions: Int32Array;
  readonly dataTypes: Int32Array;
  readonly profiles: Int32Array;
  readonly users: Int32Array;
  readonly dense: Float32Array;
}

/** Width of the dense per-step features of a config (see LaneInputs). */
export function denseWidth(c: LstmConfig): number {
  return (c.timeFeatures ? 4 : 0) + (c.historyFeatures ? c.vocabSize + 1 : 0) + (c.recencyFeatures ? c.vocabSize : 0) + (c.priorInput ? c.vocabSize : 0);
}

export function laneInputs(c: LstmConfig, lanes: number): LaneInputs {
  return {
    actions: new Int32Array(lanes),
    dataTypes: new Int32Array(lanes),
    profiles: new Int32Array(lanes),
    users: new Int32Array(lanes),
    dense: new Float32Array(lanes * denseWidth(c)),
  };
}

/**
 * The network's step function on stored states: the same math as LstmNetwork.forward with the fused
 * layer (z = proj + h·U, σ over all gates, c' = f·c + i·(2g − 1), h' = o·tanh(c'), tanh(c) = 2σ(2c) − 1
 * with the wasm backend's own sigmoid), advanced one action at a time for any set of sessions, each
 * from its own h and c. Pure computation: the weights are copied out of the network once, and each
 * layer's step is one matrix product [h, x]·[U; W] on the wasm heap (XNNPACK), the rest plain loops.
 */
export class LstmStepper {
  readonly config: LstmConfig;
  private readonly ops: WasmOps;
  /** Per layer: the stacked [U; W] matrix on the wasm heap and its row count. */
  private readonly layerWeights: Array<{ info: TF.TensorInfo; rows: number; bias?: Float32Array }> = [];
  private readonly head: TF.TensorInfo;
  private readonly headBias: Float32Array;
  private readonly gathered: Array<{ table: Float32Array; input: 'actions' | 'dataTypes' | 'profiles' | 'users' }> = [];
  private disposed = false;

  constructor(tf: typeof TF, network: LstmNetwork) {
    const c = (this.config = network.config);
    const H = c.hidden;
    const G = 4 * H;
    this.ops = new WasmOps(tf);
    const w = (name: string): Float32Array => network.variables.get(name)!.dataSync() as Float32Array;
    this.gathered.push({ table: w('embed_action'), input: 'actions' });
    if (c.dataTypes > 0) this.gathered.push({ table: w('embed_datatype'), input: 'dataTypes' });
    if (c.profiles > 0) this.gathered.push({ table: w('embed_profile'), input: 'profiles' });
    if (c.userBuckets > 0) this.gathered.push({ table: w('embed_user'), input: 'users' });
    const dense = [c.timeFeatures && 'dense_time', c.historyFeatures && 'dense_history', c.recencyFeatures && 'dense_recency', c.priorInput && 'dense_prior'];
    const first = [w('recurrent0'), ...dense.filter((n): n is string => !!n).map(w)];
    this.layerWeights.push(this.stacked(first, G));
    for (let l = 1; l < c.layers; l++) this.layerWeights.push({ ...this.stacked([w(`recurrent${l}`), w(`input${l}`)], G), bias: w(`bias${l}`) });
    // The two heads side by side: V logits then the complexity.
    const V = c.vocabSize;
    const action = w('head_action');
    const complexity = w('head_complexity');
    const both = new Float32Array(H * (V + 1));
    for (let k = 0; k < H; k++) {
      both.set(action.subarray(k * V, (k + 1) * V), k * (V + 1));
      both[k * (V + 1) + V] = complexity[k];
    }
    this.head = this.ops.upload(both, [1, H, V + 1]);
    this.headBias = new Float32Array(V + 1);
    this.headBias.set(w('head_action_b'));
    this.headBias[V] = w('head_complexity_b')[0];
  }

  private stacked(blocks: Float32Array[], G: number): { info: TF.TensorInfo; rows: number } {
    const rows = blocks.reduce((n, b) => n + b.length / G, 0);
    const all = new Float32Array(rows * G);
    let at = 0;
    for (const b of blocks) {
      all.set(b, at);
      at += b.length;
    }
    return { info: this.ops.upload(all, [1, rows, G]), rows };
  }

  /**
   * Advances `n` lanes by one action: lane b reads and rewrites state slot slots[b] of `states`
   * (stateFloats = layers·2·hidden floats per slot: h then c of each layer).
   */
  step(x: LaneInputs, n: number, states: Float32Array, slots: Int32Array): void {
    this.check();
    const c = this.config;
    const H = c.hidden;
    const G = 4 * H;
    const SF = c.layers * 2 * H;
    const F = denseWidth(c);
    let below: Float32Array | undefined; // the lower layer's new h, [n, H]
    for (let l = 0; l < c.layers; l++) {
      const { info: weights, rows: K, bias } = this.layerWeights[l];
      const input = this.ops.alloc([1, n, K]);
      const iv = this.ops.view(input);
      for (let b = 0; b < n; b++) {
        const at = slots[b] * SF + l * 2 * H;
        iv.set(states.subarray(at, at + H), b * K);
        if (l === 0) iv.set(x.dense.subarray(b * F, b * F + F), b * K + H);
        else iv.set(below!.subarray(b * H, b * H + H), b * K + H);
      }
      const z = this.ops.matMul(input, weights);
      this.ops.release(input);
      const zv = this.ops.view(z);
      if (l === 0) this.addGathered(zv, x, n, G);
      else for (let b = 0; b < n; b++) for (let j = 0; j < G; j++) zv[b * G + j] += bias![j];
      const gatesInfo = this.ops.sigmoid(z);
      this.ops.release(z);
      // Allocate before taking views: an allocation may grow the heap and detach older views.
      const doubled = this.ops.alloc([n * H]);
      let gates = this.ops.view(gatesInfo);
      const twoCells = this.ops.view(doubled);
      for (let b = 0; b < n; b++) {
        const g = b * G;
        const cAt = slots[b] * SF + l * 2 * H + H;
        for (let k = 0; k < H; k++) {
          const cell = gates[g + H + k] * states[cAt + k] + gates[g + k] * (2 * gates[g + 2 * H + k] - 1);
          states[cAt + k] = cell;
          twoCells[b * H + k] = 2 * states[cAt + k];
        }
      }
      const squashedInfo = this.ops.sigmoid(doubled);
      this.ops.release(doubled);
      gates = this.ops.view(gatesInfo);
      const sv = this.ops.view(squashedInfo);
      const last = l === c.layers - 1;
      if (!last) below = new Float32Array(n * H);
      for (let b = 0; b < n; b++) {
        const g = b * G + 3 * H;
        const hAt = slots[b] * SF + l * 2 * H;
        for (let k = 0; k < H; k++) states[hAt + k] = gates[g + k] * (2 * sv[b * H + k] - 1);
        if (!last) below!.set(states.subarray(hAt, hAt + H), b * H);
      }
      this.ops.release(gatesInfo);
      this.ops.release(squashedInfo);
    }
  }

  /** z += the looked-up rows (action, data type, profile, user) of each lane. */
  private addGathered(zv: Float32Array, x: LaneInputs, n: number, G: number): void {
    for (const { table, input } of this.gathered) {
      const rows = x[input];
      for (let b = 0; b < n; b++) {
        const from = rows[b] * G;
        const to = b * G;
        for (let j = 0; j < G; j++) zv[to + j] += table[from + j];
      }
    }
  }

  /**
   * The heads on the top layer's h of `n` state slots: softmax(logits + prior) into
   * probabilities[outRows[b]·V …] and expm1(complexity head) into complexity[outRows[b]]. `prior`
   * holds the Markov log-probabilities per lane ([n, V]) when the config has a prior.
   */
  outputs(states: Float32Array, slots: Int32Array, n: number, prior: Float32Array | undefined, outRows: Int32Array, probabilities: Float32Array, complexity: Float32Array): void {
    this.check();
    const c = this.config;
    const H = c.hidden;
    const V = c.vocabSize;
    const SF = c.layers * 2 * H;
    const top = (c.layers - 1) * 2 * H;
    const input = this.ops.alloc([1, n, H]);
    const iv = this.ops.view(input);
    for (let b = 0; b < n; b++) iv.set(states.subarray(slots[b] * SF + top, slots[b] * SF + top + H), b * H);
    const out = this.ops.matMul(input, this.head);
    this.ops.release(input);
    const ov = this.ops.view(out);
    const logits = new Float32Array(V);
    const exps = new Float64Array(V);
    for (let b = 0; b < n; b++) {
      const row = b * (V + 1);
      let max = -Infinity;
      for (let a = 0; a < V; a++) {
        logits[a] = ov[row + a] + this.headBias[a];
        if (prior) logits[a] += prior[b * V + a];
        if (logits[a] > max) max = logits[a];
      }
      let sum = 0;
      for (let a = 0; a < V; a++) sum += exps[a] = Math.exp(logits[a] - max);
      const at = outRows[b] * V;
      for (let a = 0; a < V; a++) probabilities[at + a] = exps[a] / sum;
      complexity[outRows[b]] = Math.expm1(Math.fround(ov[row + V] + this.headBias[V]));
    }
    this.ops.release(out);
  }

  /** Frees the weights on the wasm heap. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const l of this.layerWeights) this.ops.release(l.info);
    this.ops.release(this.head);
  }

  private check(): void {
    if (this.disposed) throw new Error('this LstmStepper was disposed');
  }
}
