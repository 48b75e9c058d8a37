import type { ActionSequence } from '../types';

/**
 * Markov chain of order `order` with interpolated (Dirichlet) smoothing: p_o(y | last o actions) =
 * (count_o(ctx, y) + β·p_{o-1}(y)) / (total_o(ctx) + β), down to p_0(y) = (count(y) + 1) / (N + V).
 * It never gives probability 0, so its log serves as the prior the LSTM's logits are added to.
 * `leaveOut` removes one observation of (history → leaveOut) from the counts: a training target then
 * gets the prior it would have had if it were not in the training data (no target leakage).
 */
export class InterpolatedMarkov {
  readonly counts: Float64Array[] = [];
  readonly totals: Float64Array[] = [];

  constructor(
    readonly vocabSize: number,
    readonly order: number,
    readonly beta = 1,
  ) {
    if (!Number.isInteger(vocabSize) || vocabSize < 1 || vocabSize > 255) throw new Error(`vocabSize must be an integer in 1…255, got ${vocabSize}`);
    if (!Number.isInteger(order) || order < 0 || vocabSize ** (order + 1) > 1 << 24) {
      throw new Error(`order must be an integer ≥ 0 with vocabSize^(order+1) ≤ 2^24, got ${order}`);
    }
    if (!(beta > 0)) throw new Error(`beta must be > 0, got ${beta}`);
    for (let o = 0; o <= order; o++) {
      this.counts.push(new Float64Array(vocabSize ** (o + 1)));
      this.totals.push(new Float64Array(vocabSize ** o));
    }
  }

  /** Restores a chain from its count tables (as saved with a model). */
  static fromCounts(vocabSize: number, order: number, beta: number, counts: Float64Array[], totals: Float64Array[]): InterpolatedMarkov {
    const m = new InterpolatedMarkov(vocabSize, order, beta);
    m.counts.forEach((c, o) => {
      if (counts[o]?.length !== c.length || totals[o]?.length !== m.totals[o].length) throw new Error(`markov prior counts of order ${o} have the wrong size`);
      c.set(counts[o]);
      m.totals[o].set(totals[o]);
    });
    return m;
  }

  observe(sessions: Iterable<ActionSequence>): this {
    for (const s of sessions) for (let j = 1; j < s.length; j++) this.add(s, j, s[j], 1);
    return this;
  }

  /** Writes log p(next | history[0…end-1]) for every action into out[at…at+V-1]. */
  logProbInto(history: ArrayLike<number>, end: number, out: Float32Array, at: number, leaveOut = -1): void {
    const V = this.vocabSize;
    const p = scratch(V);
    const n0 = this.totals[0][0] - (leaveOut >= 0 ? 1 : 0);
    for (let a = 0; a < V; a++) p[a] = (this.counts[0][a] - (a === leaveOut ? 1 : 0) + 1) / (n0 + V);
    let ctx = 0;
    let scale = 1;
    for (let o = 1; o <= this.order && end - o >= 0; o++) {
      ctx += history[end - o] * scale;
      scale *= V;
      const total = this.totals[o][ctx] - (leaveOut >= 0 ? 1 : 0);
      if (total <= 0) break;
      const base = ctx * V;
      for (let a = 0; a < V; a++) p[a] = (this.counts[o][base + a] - (a === leaveOut ? 1 : 0) + this.beta * p[a]) / (total + this.beta);
    }
    for (let a = 0; a < V; a++) out[at + a] = Math.log(p[a]);
  }

  private add(s: ArrayLike<number>, j: number, next: number, w: number): void {
    const V = this.vocabSize;
    if (!(next >= 0 && next < V)) throw new Error(`action index must be in 0…${V - 1}, got ${next}`);
    this.counts[0][next] += w;
    this.totals[0][0] += w;
    let ctx = 0;
    let scale = 1;
    for (let o = 1; o <= this.order && j - o >= 0; o++) {
      ctx += s[j - o] * scale;
      scale *= V;
      this.counts[o][ctx * V + next] += w;
      this.totals[o][ctx] += w;
    }
  }
}

let buffer = new Float64Array(0);
function scratch(n: number): Float64Array {
  if (buffer.length < n) buffer = new Float64Array(n);
  return buffer;
}
