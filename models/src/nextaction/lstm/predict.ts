import type * as TF from '@tensorflow/tfjs';
import type { ActionSequence, NextActionPredictor } from '../types';
import { encodeBatch } from './encode';
import type { LstmNetwork } from './network';
import { batchWindows, cutWindows, type LstmSession } from './windows';

/** Next-action distribution and predicted complexity after a session's last action. */
export interface NextActionForecast {
  readonly probabilities: Float32Array;
  /** Predicted complexity (complexity units) of the next action; NaN when the head was never trained. */
  readonly complexity: number;
}

/** Inference with a trained network: rankings for evaluation, distributions for live sessions. */
export class LstmPredictor implements NextActionPredictor {
  readonly name = 'lstm';
  readonly vocabSize: number;

  constructor(
    private readonly tf: typeof TF,
    readonly network: LstmNetwork,
    private readonly batchTokens = 32768,
    private readonly maxLanes = 4096,
  ) {
    this.vocabSize = network.config.vocabSize;
  }

  rankAllPositions(sessions: readonly ActionSequence[], k: number): Promise<Uint8Array[]> {
    return this.perPosition(
      sessions.map((actions) => ({ actions })),
      k,
      (n) => new Uint8Array(n),
      (logits) => this.tf.topk(logits, k).indices,
    );
  }

  /**
   * The next-action distribution at every position j ≥ 1 of every session, given items 0 … j-1: per
   * session (length-1)·vocabSize probabilities, row j-1 for position j (for mixing with other models).
   */
  distributionsAllPositions(sessions: readonly ActionSequence[]): Promise<Float32Array[]> {
    return this.sessionDistributions(sessions.map((actions) => ({ actions })));
  }

  /** distributionsAllPositions for sessions with every input (data types, times, profile, user). */
  sessionDistributions(input: readonly LstmSession[]): Promise<Float32Array[]> {
    return this.perPosition(input, this.vocabSize, (n) => new Float32Array(n), (logits) => this.tf.softmax(logits));
  }

  /**
   * Runs the network over every position of every session, in batches of windows, and copies `width`
   * values of `head(logits)` per position into one array per session (row j-1 for position j).
   */
  private async perPosition<A extends Uint8Array | Float32Array>(input: readonly LstmSession[], width: number, make: (length: number) => A, head: (logits: TF.Tensor) => TF.Tensor): Promise<A[]> {
    const out = input.map((s) => make(Math.max(0, s.actions.length - 1) * width));
    const c = this.network.config;
    for (const windows of batchWindows(cutWindows(input.map((s) => s.actions.length), c.window, c.burnIn), this.batchTokens, this.maxLanes)) {
      const batch = encodeBatch(input, windows, c, this.network.prior);
      const values = this.tf.tidy(() => head(this.network.forward(batch).logits));
      const data = (await values.data()) as Int32Array | Float32Array;
      values.dispose();
      windows.forEach((w, b) => {
        for (let j = w.scoreFrom; j < w.to; j++) {
          const row = ((j - 1 - w.from) * batch.lanes + b) * width;
          out[w.session].set(data.subarray(row, row + width), (j - 1) * width);
        }
      });
    }
    return out;
  }

  /** The next-action distribution after the last action of each session (its last `window` actions). */
  async forecast(sessions: readonly LstmSession[]): Promise<NextActionForecast[]> {
    const c = this.network.config;
    const V = c.vocabSize;
    const result: NextActionForecast[] = new Array(sessions.length);
    // A window [from, n+1) whose last "target" is a dummy: step n-1 reads the last real action.
    const padded = sessions.map((s) => ({ ...s, actions: Uint8Array.from([...s.actions, 0]) }));
    const windows = padded
      .map((s, i) => ({ session: i, from: Math.max(0, s.actions.length - c.window), to: s.actions.length, scoreFrom: s.actions.length - 1 }))
      .filter((w) => w.to - w.from >= 2);
    for (const batchWins of batchWindows(windows, this.batchTokens, this.maxLanes)) {
      const batch = encodeBatch(padded, batchWins, c, this.network.prior);
      const [probs, cx] = this.tf.tidy(() => {
        const out = this.network.forward(batch);
        return [this.tf.softmax(out.logits), out.complexity];
      });
      const p = (await probs.data()) as Float32Array;
      const cv = (await cx.data()) as Float32Array;
      probs.dispose();
      cx.dispose();
      batchWins.forEach((w, b) => {
        const row = (w.to - 2 - w.from) * batch.lanes + b;
        result[w.session] = { probabilities: p.slice(row * V, row * V + V), complexity: Math.expm1(cv[row]) };
      });
    }
    for (let i = 0; i < sessions.length; i++) {
      result[i] ??= { probabilities: new Float32Array(V).fill(1 / V), complexity: NaN };
    }
    return result;
  }
}
