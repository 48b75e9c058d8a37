/**
 * Volume-only forecasts of the load of the next h minutes from the per-minute load series alone:
 * - `naive`: the load of the last h minutes repeats;
 * - `ewma`: an exponentially weighted per-minute rate (half-life `halfLifeMinutes`) times h.
 */
export class VolumeForecaster {
  private readonly history: number[] = [];
  private rate = 0;
  private readonly alpha: number;

  constructor(readonly halfLifeMinutes = 10) {
    if (!(halfLifeMinutes > 0)) throw new Error(`halfLifeMinutes must be > 0, got ${halfLifeMinutes}`);
    this.alpha = 1 - Math.pow(0.5, 1 / halfLifeMinutes);
  }

  /** Appends the load of one finished minute. */
  push(load: number): void {
    this.rate = this.history.length === 0 ? load : this.rate + this.alpha * (load - this.rate);
    this.history.push(load);
  }

  naive(h: number): number {
    let s = 0;
    for (let i = Math.max(0, this.history.length - h); i < this.history.length; i++) s += this.history[i];
    return s;
  }

  ewma(h: number): number {
    return this.rate * h;
  }
}
