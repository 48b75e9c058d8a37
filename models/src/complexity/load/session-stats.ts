/**
 * What the load model learns from finished sessions: how long sessions last (in actions), how their
 * complexity and requests accumulate over their first minutes, and the gap between actions.
 */
export class SessionStats {
  /** reach[k] = finished sessions with at least k actions (k ≤ maxLength; longer ones count at maxLength). */
  readonly reach: Float64Array;
  /** Sum over finished sessions of the complexity / requests in their first m minutes, m = 1 … maxMinutes. */
  readonly complexityByMinute: Float64Array;
  readonly requestsByMinute: Float64Array;
  finished = 0;
  private gapSum = 0;
  private gaps = 0;

  constructor(
    readonly maxLength: number,
    readonly maxMinutes: number,
  ) {
    this.reach = new Float64Array(maxLength + 2);
    this.complexityByMinute = new Float64Array(maxMinutes + 1);
    this.requestsByMinute = new Float64Array(maxMinutes + 1);
  }

  addGap(ms: number): void {
    this.gapSum += ms;
    this.gaps++;
  }

  /** Mean time between two actions of one session (ms); `fallback` before any was seen. */
  meanGapMs(fallback: number): number {
    return this.gaps === 0 ? fallback : this.gapSum / this.gaps;
  }

  /** A finished session: its length and, per minute since its start, its complexity and requests. */
  addSession(length: number, minuteComplexity: Float64Array, minuteRequests: Float64Array): void {
    this.finished++;
    for (let k = 1; k <= Math.min(length, this.maxLength + 1); k++) this.reach[k]++;
    let c = 0;
    let r = 0;
    for (let m = 1; m <= this.maxMinutes; m++) {
      c += minuteComplexity[m - 1];
      r += minuteRequests[m - 1];
      this.complexityByMinute[m] += c;
      this.requestsByMinute[m] += r;
    }
  }

  /**
   * P(a session reaches k + i actions | it has reached k + 1), i ≥ 1, from the finished sessions, with
   * one pseudo-session whose survival halves per action, so that unseen lengths do not give 0/0.
   */
  survival(k: number, i: number): number {
    const cap = this.maxLength + 1;
    const from = Math.min(k + 1, cap);
    const to = Math.min(k + i, cap);
    if (to === from) return 1;
    return (this.reach[to] + Math.pow(0.5, to - from)) / (this.reach[from] + 1);
  }

  /** Mean complexity and requests of a session in its first m minutes. */
  firstMinutes(m: number): { complexity: number; requests: number } {
    const n = Math.max(1, this.finished);
    const mm = Math.min(Math.max(0, Math.round(m)), this.maxMinutes);
    return { complexity: this.complexityByMinute[mm] / n, requests: this.requestsByMinute[mm] / n };
  }
}
