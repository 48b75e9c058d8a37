import { WindowedQuantiles } from './windowed-quantiles';

export interface ShortTermForecastOptions {
  /** Longest horizon in minutes (h = 1 is the next, not yet observed, minute). */
  readonly maxHorizon: number;
  /** Minutes of past errors the quantiles are taken from; default 7 days. */
  readonly errorWindowMinutes?: number;
  /** Minutes averaged into the level; default 15. */
  readonly levelMinutes?: number;
  /** Minutes the trend is fitted on (least squares slope); default 15. */
  readonly trendMinutes?: number;
  /** Share of the trend extrapolated (0 = none, 1 = all); default 0.2. */
  readonly trendWeight?: number;
  /** Half-life in minutes of the volatility estimate (mean absolute minute-to-minute change); default 60. */
  readonly volatilityHalfLifeMinutes?: number;
  /**
   * Error scale: `volatility` (recent mean absolute change) or `sqrt` (square root of the level, the
   * spread of counts of independent arrivals); default `volatility`.
   */
  readonly scale?: 'volatility' | 'sqrt';
}

/** A forecast for one future minute with the numbers behind it (for explanations). */
export interface ShortTermForecast {
  readonly horizon: number;
  readonly quantile: number;
  /** Point forecast (requests per minute). */
  readonly point: number;
  /** Scale of the errors: the recent mean absolute minute-to-minute change. */
  readonly scale: number;
  /** Standardised error at the quantile, learned from the last errors at this horizon. */
  readonly z: number;
  /** point + z · scale, at least 0. */
  readonly value: number;
  /** Past errors the quantile came from (0: not enough yet, a wide default was used). */
  readonly errorsSeen: number;
}

const MIN_ERRORS = 60;
/** Errors are also kept per level bucket (powers of two of the point forecast): spread depends on level. */
const LEVEL_BUCKETS = 40;
const levelBucket = (point: number): number => 1 + Math.min(LEVEL_BUCKETS - 1, Math.floor(Math.log2(point + 1)));
const DEFAULT_Z = 4;

/**
 * Short-term traffic forecaster for tiers 2 and 3: a recent level plus a damped recent trend, with
 * prediction quantiles from its own standardised errors at each horizon over a sliding window (a split
 * conformal interval). Cheap enough to update every minute of a months-long trace; sees only what was
 * observed.
 */
export class ShortTermForecaster {
  private readonly values: number[] = [];
  /** errors[h][b]: standardised errors at horizon h for forecasts whose level fell in bucket b (b = 0: all). */
  private readonly errors: WindowedQuantiles[][] = [];
  /** Per past step: the point forecast for each horizon and the scale then (newest last). */
  private readonly pending: Array<{ points: number[]; scale: number }> = [];
  private volatility = 0;
  private observed = 0;
  private readonly o: Required<ShortTermForecastOptions>;

  constructor(options: ShortTermForecastOptions) {
    this.o = {
      errorWindowMinutes: 7 * 1440,
      levelMinutes: 15,
      trendMinutes: 15,
      trendWeight: 0.2,
      volatilityHalfLifeMinutes: 60,
      scale: 'volatility',
      ...options,
    };
    if (!(Number.isInteger(this.o.maxHorizon) && this.o.maxHorizon >= 1)) {
      throw new RangeError(`maxHorizon must be a whole number of minutes ≥ 1, got ${this.o.maxHorizon}`);
    }
    for (let h = 0; h <= this.o.maxHorizon; h++) {
      this.errors.push(Array.from({ length: LEVEL_BUCKETS + 1 }, () => new WindowedQuantiles(this.o.errorWindowMinutes, -20, 60, 0.05)));
    }
  }

  /** Number of minutes observed so far. */
  get length(): number {
    return this.observed;
  }

  /** Records the traffic of the minute that just ended. */
  observe(requests: number): void {
    if (!(Number.isFinite(requests) && requests >= 0)) throw new RangeError(`requests must be a number ≥ 0, got ${requests}`);
    // Score the forecasts made 1 … maxHorizon steps ago against this minute.
    for (let h = 1; h <= this.o.maxHorizon && h <= this.pending.length; h++) {
      const basis = this.pending[this.pending.length - h];
      const z = (requests - basis.points[h]) / basis.scale;
      this.errors[h][0].add(z);
      this.errors[h][levelBucket(basis.points[h])].add(z);
    }
    const prev = this.values.length > 0 ? this.values[this.values.length - 1] : requests;
    const alpha = 1 - 0.5 ** (1 / this.o.volatilityHalfLifeMinutes);
    this.volatility = this.observed === 0 ? Math.sqrt(requests) : this.volatility + alpha * (Math.abs(requests - prev) - this.volatility);
    this.values.push(requests);
    const keep = Math.max(this.o.levelMinutes, this.o.trendMinutes);
    if (this.values.length > keep) this.values.shift();
    this.observed++;
    const points = [0];
    for (let h = 1; h <= this.o.maxHorizon; h++) points.push(this.pointAt(h));
    this.pending.push({ points, scale: this.scale(points[1]) });
    if (this.pending.length > this.o.maxHorizon) this.pending.shift();
  }

  private scale(level: number): number {
    return Math.max(1, this.o.scale === 'sqrt' ? Math.sqrt(level) : this.volatility);
  }

  private pointAt(h: number): number {
    const n = this.values.length;
    const L = Math.min(this.o.levelMinutes, n);
    let level = 0;
    for (let i = n - L; i < n; i++) level += this.values[i];
    level /= L;
    const K = Math.min(this.o.trendMinutes, n);
    let slope = 0;
    if (K >= 3) {
      const xm = (K - 1) / 2;
      let ym = 0;
      for (let i = 0; i < K; i++) ym += this.values[n - K + i];
      ym /= K;
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < K; i++) {
        sxy += (i - xm) * (this.values[n - K + i] - ym);
        sxx += (i - xm) ** 2;
      }
      slope = sxy / sxx;
    }
    // The level is centred (L - 1) / 2 minutes back.
    return Math.max(0, level + this.o.trendWeight * slope * (h + (L - 1) / 2));
  }

  /** The q-quantile of the traffic h minutes ahead (h = 1: the next minute). */
  forecast(h: number, q: number): ShortTermForecast {
    if (!(Number.isInteger(h) && h >= 1 && h <= this.o.maxHorizon)) throw new RangeError(`horizon must be 1 … ${this.o.maxHorizon}, got ${h}`);
    if (!(q > 0 && q < 1)) throw new RangeError(`quantile must be in (0, 1), got ${q}`);
    if (this.observed === 0) throw new Error('nothing observed yet: forecasts need at least one minute of traffic');
    const point = this.pending[this.pending.length - 1].points[h];
    const scale = this.pending[this.pending.length - 1].scale;
    const byLevel = this.errors[h][levelBucket(point)];
    const errors = byLevel.length >= MIN_ERRORS ? byLevel : this.errors[h][0];
    const z = errors.length >= MIN_ERRORS ? (errors.quantile(q) ?? DEFAULT_Z) : DEFAULT_Z;
    return { horizon: h, quantile: q, point, scale, z, value: Math.max(0, point + z * scale), errorsSeen: errors.length };
  }
}
