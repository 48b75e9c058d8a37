/**
 * A read-only view of r_0 … r_{t-1} handed to strategies. Only the simulator can move its end forward
 * (through the `advanceTo` returned by `TraceHistory.open`); reading index t or later throws, so a
 * strategy cannot peek at the minute it is deciding for.
 */
export class TraceHistory {
  readonly #values: ArrayLike<number>;
  #end = 0;

  private constructor(values: ArrayLike<number>) {
    this.#values = values;
  }

  /** Opens a view on `values` that starts empty; `advanceTo(t)` exposes r_0 … r_{t-1}. */
  static open(values: ArrayLike<number>): { history: TraceHistory; advanceTo(t: number): void } {
    const history = new TraceHistory(values);
    return {
      history,
      advanceTo(t: number): void {
        if (!Number.isInteger(t) || t < history.#end || t > values.length) {
          throw new RangeError(`history can only move forward within the trace: ${history.#end} -> ${t}`);
        }
        history.#end = t;
      },
    };
  }

  /** Number of observed minutes (= the current minute t). */
  get length(): number {
    return this.#end;
  }

  /** r_i for 0 ≤ i < t. */
  at(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.#end) {
      throw new RangeError(`minute ${i} is not observed yet: only r_0 … r_${this.#end - 1} may be read at t = ${this.#end}`);
    }
    return this.#values[i];
  }

  /** The most recent observation r_{t-1}, or undefined at t = 0. */
  last(): number | undefined {
    return this.#end > 0 ? this.#values[this.#end - 1] : undefined;
  }

  /** A copy of r_from … r_{to-1}; `to` defaults to t and may not exceed it. */
  slice(from = 0, to = this.#end): number[] {
    if (to > this.#end) throw new RangeError(`slice end ${to} is beyond the observed minutes (t = ${this.#end})`);
    const out: number[] = [];
    for (let i = Math.max(0, from); i < to; i++) out.push(this.#values[i]);
    return out;
  }
}
