/**
 * First-order transitions between actions (bounded vocabulary) and their mean cost, to roll a session
 * forward: e_i(a) = expected complexity of the i-th action after action a, e_1 = P·c, e_{i+1} = P·e_i.
 * The cost of this is A² per step for all sessions together, not per session.
 */
export class ActionChain {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly transitions: Float64Array;
  private readonly costSum: Float64Array;
  private readonly costCount: Float64Array;

  constructor(readonly maxActions: number) {
    this.transitions = new Float64Array(maxActions * maxActions);
    this.costSum = new Float64Array(maxActions);
    this.costCount = new Float64Array(maxActions);
  }

  /** Index of an action; the last slot collects every action beyond maxActions - 1. */
  indexOf(action: string): number {
    let i = this.index.get(action);
    if (i === undefined) {
      i = this.names.length < this.maxActions - 1 ? this.names.length : this.maxActions - 1;
      if (i === this.names.length) {
        this.names.push(i === this.maxActions - 1 ? 'other' : action);
      }
      this.index.set(action, i);
    }
    return i;
  }

  addCost(a: number, cost: number): void {
    this.costSum[a] += cost;
    this.costCount[a]++;
  }

  addTransition(from: number, to: number): void {
    this.transitions[from * this.maxActions + to]++;
  }

  /** The most frequent follower of an action (its own index when it was never followed). */
  mostLikelyNext(a: number): number {
    let best = a;
    let bestCount = 0;
    for (let b = 0; b < this.names.length; b++) {
      const c = this.transitions[a * this.maxActions + b];
      if (c > bestCount) {
        best = b;
        bestCount = c;
      }
    }
    return best;
  }

  /** Mean cost of each action; actions never costed get the overall mean. */
  meanCosts(): Float64Array {
    const A = this.names.length;
    let s = 0;
    let n = 0;
    for (let a = 0; a < A; a++) {
      s += this.costSum[a];
      n += this.costCount[a];
    }
    const overall = n > 0 ? s / n : 1;
    return Float64Array.from({ length: A }, (_, a) => (this.costCount[a] > 0 ? this.costSum[a] / this.costCount[a] : overall));
  }

  /** steps × A table: row i-1 = expected cost of the i-th next action after each action. */
  rollout(steps: number): Float64Array[] {
    const A = this.names.length;
    const M = this.maxActions;
    const c = this.meanCosts();
    // Row-normalised P; a row never seen uses the overall action frequencies.
    const freq = new Float64Array(A);
    let freqTotal = 0;
    for (let a = 0; a < A; a++) {
      freq[a] = this.costCount[a];
      freqTotal += freq[a];
    }
    const P = new Float64Array(A * A);
    for (let a = 0; a < A; a++) {
      let row = 0;
      for (let b = 0; b < A; b++) row += this.transitions[a * M + b];
      for (let b = 0; b < A; b++) P[a * A + b] = row > 0 ? this.transitions[a * M + b] / row : freqTotal > 0 ? freq[b] / freqTotal : 1 / A;
    }
    const out: Float64Array[] = [];
    let prev = c;
    for (let i = 0; i < steps; i++) {
      const e = new Float64Array(A);
      for (let a = 0; a < A; a++) {
        let s = 0;
        for (let b = 0; b < A; b++) s += P[a * A + b] * prev[b];
        e[a] = s;
      }
      out.push(e);
      prev = e;
    }
    return out;
  }
}
