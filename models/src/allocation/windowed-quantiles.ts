/**
 * The distribution of the last `window` values of a stream, as a fixed-bin histogram (values are
 * clamped to [min, max]; resolution is one bin) with a Fenwick tree, so quantiles and cumulative
 * shares cost O(log bins). Adding a value forgets the one `window` places back.
 */
export class WindowedQuantiles {
  private readonly tree: Int32Array;
  private readonly bins: number;
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
    this.bins = Math.ceil((max - min) / binWidth) + 1;
    this.tree = new Int32Array(this.bins + 1);
    this.ring = new Int32Array(window);
  }

  get length(): number {
    return this.size;
  }

  private update(bin: number, delta: number): void {
    for (let i = bin + 1; i <= this.bins; i += i & -i) this.tree[i] += delta;
  }

  /** Values in bins 0 … bin. */
  private prefix(bin: number): number {
    let s = 0;
    for (let i = Math.min(bin, this.bins - 1) + 1; i > 0; i -= i & -i) s += this.tree[i];
    return s;
  }

  add(value: number): void {
    const bin = Math.round((Math.min(this.max, Math.max(this.min, value)) - this.min) / this.binWidth);
    if (this.size === this.window) this.update(this.ring[this.next], -1);
    else this.size++;
    this.ring[this.next] = bin;
    this.update(bin, 1);
    this.next = (this.next + 1) % this.window;
  }

  /** The q-quantile (0 < q ≤ 1) of the values in the window, or undefined when empty. */
  quantile(q: number): number | undefined {
    if (this.size === 0) return undefined;
    const rank = Math.max(1, Math.ceil(q * this.size));
    // Fenwick descent: the first bin whose prefix count reaches `rank`.
    let pos = 0;
    let remaining = rank;
    for (let step = 1 << Math.floor(Math.log2(this.bins)); step > 0; step >>= 1) {
      if (pos + step <= this.bins && this.tree[pos + step] < remaining) {
        pos += step;
        remaining -= this.tree[pos];
      }
    }
    return this.min + pos * this.binWidth;
  }

  /** Share of the values in the window that are ≤ x (0 when empty). */
  shareAtMost(x: number): number {
    if (this.size === 0) return 0;
    if (x < this.min) return 0;
    if (x >= this.max) return 1;
    // Bin b holds values rounding to min + b · binWidth: it is ≤ x when its centre is.
    return this.prefix(Math.floor((x - this.min) / this.binWidth + 1e-9)) / this.size;
  }
}
