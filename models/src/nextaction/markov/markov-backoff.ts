import type { ActionSequence, NextActionPredictor } from '../types';

const MAX_DENSE_CELLS = 1 << 24;

/**
 * Markov chain of order `order` with back-off: the next action is predicted from the counts that
 * followed the last `order` actions in training; a context never seen (or shorter, at a session's
 * start) backs off to the last `order-1` actions, … down to order 0 (overall frequency). The chosen
 * context ranks the actions seen after it by count; actions never seen after it follow in order of
 * overall frequency (this reproduces BENCHMARKS.md §2). Ties rank the smaller action index first. Counts live in dense tables (vocab^(order+1) cells).
 */
export class MarkovBackoff implements NextActionPredictor {
  readonly name: string;
  /** counts[o][ctx·V + next], ctx = base-V number of the last o actions (oldest most significant). */
  private readonly counts: Float64Array[] = [];
  private readonly totals: Float64Array[] = [];

  constructor(
    readonly vocabSize: number,
    readonly order: number,
    name = `markov${order}`,
  ) {
    if (!Number.isInteger(vocabSize) || vocabSize < 1 || vocabSize > 255) {
      throw new Error(`vocabSize must be an integer in 1…255, got ${vocabSize}`);
    }
    if (!Number.isInteger(order) || order < 0) throw new Error(`order must be an integer ≥ 0, got ${order}`);
    if (vocabSize ** (order + 1) > MAX_DENSE_CELLS) {
      throw new Error(`order ${order} over ${vocabSize} actions needs ${vocabSize ** (order + 1)} cells; use a lower order`);
    }
    this.name = name;
    for (let o = 0; o <= order; o++) {
      this.counts.push(new Float64Array(vocabSize ** (o + 1)));
      this.totals.push(new Float64Array(vocabSize ** o));
    }
  }

  /** Adds every transition of the sessions (each position j ≥ 1, at every order that fits). */
  observe(sessions: Iterable<ActionSequence>): this {
    const V = this.vocabSize;
    for (const s of sessions) {
      for (let j = 1; j < s.length; j++) {
        const next = this.check(s[j]);
        let ctx = 0;
        let scale = 1;
        this.counts[0][next]++;
        this.totals[0][0]++;
        for (let o = 1; o <= this.order && j - o >= 0; o++) {
          ctx += this.check(s[j - o]) * scale;
          scale *= V;
          this.counts[o][ctx * V + next]++;
          this.totals[o][ctx]++;
        }
      }
    }
    return this;
  }

  /** The k best next actions after `history` (its last `order` items matter), best first. */
  rankNext(history: ArrayLike<number>, k: number): number[] {
    const out: number[] = [];
    const taken = new Uint8Array(this.vocabSize);
    this.fill(history, history.length, k, out, taken);
    return out;
  }

  async rankAllPositions(sessions: readonly ActionSequence[], k: number): Promise<Uint8Array[]> {
    const taken = new Uint8Array(this.vocabSize);
    const row: number[] = [];
    return sessions.map((s) => {
      const out = new Uint8Array(Math.max(0, s.length - 1) * k);
      for (let j = 1; j < s.length; j++) {
        row.length = 0;
        taken.fill(0);
        this.fill(s, j, k, row, taken);
        out.set(row, (j - 1) * k);
      }
      return out;
    });
  }

  /** Probability distribution of the next action from the longest seen context (no smoothing). */
  distribution(history: ArrayLike<number>): Float64Array {
    const V = this.vocabSize;
    const p = new Float64Array(V);
    for (let o = Math.min(this.order, history.length); o >= 0; o--) {
      const ctx = this.context(history, history.length, o);
      const total = this.totals[o][ctx];
      if (total === 0) continue;
      for (let a = 0; a < V; a++) p[a] = this.counts[o][ctx * V + a] / total;
      return p;
    }
    return p.fill(1 / V);
  }

  /** distribution() at every position j ≥ 1 of every session, rows of vocabSize values (see DistributionModel). */
  async distributionsAllPositions(sessions: readonly ActionSequence[]): Promise<Float32Array[]> {
    const V = this.vocabSize;
    return sessions.map((s) => {
      const out = new Float32Array(Math.max(0, s.length - 1) * V);
      for (let j = 1; j < s.length; j++) out.set(this.distribution(s.subarray(0, j)), (j - 1) * V);
      return out;
    });
  }

  private fill(history: ArrayLike<number>, end: number, k: number, out: number[], taken: Uint8Array): void {
    const V = this.vocabSize;
    let o = Math.min(this.order, end);
    while (o > 0 && this.totals[o][this.context(history, end, o)] === 0) o--;
    // The longest seen context ranks its followers; actions never seen after it follow in order of
    // overall frequency (order 0), then by index.
    for (const level of o > 0 ? [o, 0] : [0]) {
      const table = this.counts[level];
      const base = this.context(history, end, level) * V;
      while (out.length < k) {
        let best = -1;
        let bestCount = 0;
        for (let a = 0; a < V; a++) {
          const c = table[base + a];
          if (!taken[a] && c > bestCount) {
            best = a;
            bestCount = c;
          }
        }
        if (best < 0) break;
        taken[best] = 1;
        out.push(best);
      }
    }
    for (let a = 0; a < V && out.length < k; a++) {
      if (!taken[a]) {
        taken[a] = 1;
        out.push(a);
      }
    }
  }

  private context(history: ArrayLike<number>, end: number, o: number): number {
    let ctx = 0;
    let scale = 1;
    for (let i = 1; i <= o; i++) {
      ctx += history[end - i] * scale;
      scale *= this.vocabSize;
    }
    return ctx;
  }

  private check(a: number): number {
    if (!(a >= 0 && a < this.vocabSize)) throw new Error(`action index must be in 0…${this.vocabSize - 1}, got ${a}`);
    return a;
  }
}
