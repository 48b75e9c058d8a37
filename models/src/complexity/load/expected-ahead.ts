import type { SessionStats } from './session-stats';

/**
 * For an active session with k actions so far whose last action is a, the expected complexity and
 * requests of its next actions within one horizon, before the chance that it is still going:
 *   complexity(k, a) = Σ_i S(k, i)·P(Poisson ≥ i)·e_i(a),  requests(k) = Σ_i S(k, i)·P(Poisson ≥ i),
 * and the weight of the first next action S(k, 1)·P(Poisson ≥ 1) (to put a model's own next-action
 * cost in place of e_1). Lengths past the longest learned one share one entry (their survival is the
 * same), so a forecast computes at most (maxLength + 2)·actions entries however many sessions are active.
 */
export class ExpectedAhead {
  private readonly cache = new Map<number, { complexity: number; requests: number; firstWeight: number }>();
  private readonly cap: number;

  constructor(
    private readonly stats: SessionStats,
    private readonly tail: Float64Array,
    private readonly rollout: readonly Float64Array[],
    private readonly steps: number,
  ) {
    this.cap = stats.maxLength + 1;
  }

  of(length: number, last: number): { complexity: number; requests: number; firstWeight: number } {
    const k = Math.min(length, this.cap);
    const key = k * 65536 + last;
    let e = this.cache.get(key);
    if (!e) {
      let complexity = 0;
      let requests = 0;
      let firstWeight = 0;
      for (let i = 1; i <= this.steps; i++) {
        const w = this.stats.survival(k, i) * this.tail[i];
        if (w < 1e-6) break;
        if (i === 1) firstWeight = w;
        complexity += w * this.rollout[i - 1][last];
        requests += w;
      }
      e = { complexity, requests, firstWeight };
      this.cache.set(key, e);
    }
    return e;
  }
}
