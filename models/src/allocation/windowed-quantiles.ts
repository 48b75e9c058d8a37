/**
 * Quantiles of the last `window` values of a stream, from a fixed-bin histogram (values are clamped to
 * [min, max]; resolution is one bin). Adding a value forgets the one `window` places back.
 */
export class WindowedQuantiles {
  private readonly counts: Int32Array;
  private readonly ring: Int32Array;
  private next = 0;
  private size = 0;

  constructor(
    private readonly window: number,
    private readonly min: number,
    private readonly max: number,
    private readonly binWidth: number,
  ) {
    if (!(Number.isInteger(window) && window > 0)) throw new RangeError(`window must be a whole number > 0, got ${window}`);
    if (!(max > min && binWidth > 0)) throw new RangeError(`need min < max and binWidth > 0, got ${min}, ${max}, ${binWidth}`);
    this.counts = new Int32Array(Math.ceil((max - min) / binWidth) + 1);
    this.ring = new Int32Array(window);
  }

  get length(): number {
    return this.size;
  }

  add(value: number): void {
    const bin = Math.round((Math.min(this.max, Math.max(this.min, value)) - this.min) / this.binWidth);
    if (this.size === this.window) this.counts[this.ring[this.next]]--;
    else this.size++;
    this.ring[this.next] = bin;
    this.counts[bin]++;
    this.next = (this.next + 1) % this.window;
  }

  /** The q-quantile (0 < q ≤ 1) of the values in the window, or undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.size === 0) return undefined;
    const rank = Math.max(1, Math.ceil(q * this.size));
    let seen = 0;
    for (let bin = 0; bin < this.counts.length; bin++) {
      seen += this.counts[bin];
      if (seen >= rank) return this.min + bin * this.binWidth;
    }
    return this.max;
  }
}
