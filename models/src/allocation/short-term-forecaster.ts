import { mean, median, sampleCovariance, sampleVariance } from 'simple-statistics';
import { PhaseErrors, PHASE_SPREAD, SURPRISE } from './phase-errors';
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
  /** Minutes over which the volatility (the error scale: typical minute-to-minute change) is taken; default 60. */
  readonly volatilityMinutes?: number;
  /**
   * Robust statistics: medians for the level, the trend and the volatility, so a few missing or
   * outlying minutes (collector gaps, one-minute spikes) do not drag the forecast; default false: the
   * mean, a least-squares slope and the mean absolute change (measured better on the benchmark traces).
   */
  readonly robust?: boolean;
  /**
   * Short periods (minutes) tested for bursts that recur at a fixed phase; where one is found, the
   * upper quantile is at least that phase's (see PhaseErrors). Default [30, 60]; [] turns it off.
   */
  readonly burstPeriods?: readonly number[];
  /** Burst-phase test: a phase's 95th-percentile relative error above the median phase's by more than this; default PHASE_SPREAD (1). */
  readonly burstSpread?: number;
  /** A minute whose relative error exceeds this is a surprise (not calm); default SURPRISE (0.25). */
  readonly burstSurprise?: number;
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

/** The forecaster's defaults (docs/tuning-audit.md: how each was chosen and what the audit found). */
export const SHORT_TERM_DEFAULTS: Readonly<Required<Omit<ShortTermForecastOptions, 'maxHorizon'>>> = Object.freeze({
  errorWindowMinutes: 7 * 1440,
  levelMinutes: 15,
  trendMinutes: 15,
  trendWeight: 0.2,
  volatilityMinutes: 60,
  robust: false,
  burstPeriods: Object.freeze([30, 60]),
  burstSpread: PHASE_SPREAD,
  burstSurprise: SURPRISE,
});

const MIN_ERRORS = 60;
/** Level shift: this many latest minutes all beyond SHIFT_Z error scales from the level. */
const SHIFT_MINUTES = 2;
const SHIFT_Z = 4;
/** Errors are also kept per level bucket (powers of two of the point forecast): spread depends on level. */
const LEVEL_BUCKETS = 40;
const levelBucket = (point: number): number => Math.min(LEVEL_BUCKETS - 1, Math.floor(Math.log2(point + 1)));
const DEFAULT_Z = 4;

/**
 * Short-term traffic forecaster for tiers 2 and 3: a recent level plus a damped recent trend (or, after
 * a level shift, the new level at once), with prediction quantiles from its own errors at each horizon,
 * standardised by the recent volatility, over a sliding window and per band of level (a split-conformal
 * interval, Mondrian by level). Cheap enough to update every minute of a months-long trace; sees only
 * what was observed.
 */
export class ShortTermForecaster {
  private readonly values: number[] = [];
  /** errors[h]: standardised errors at horizon h. */
  private readonly errors: WindowedQuantiles[] = [];
  /** errorsByLevel[h][b]: the same for forecasts whose level fell in bucket b, made on first use. */
  private readonly errorsByLevel: Array<Array<WindowedQuantiles | undefined>> = [];
  /** Per past step: the point forecast for each horizon and the scale then (newest last). */
  private readonly pending: Array<{ points: number[]; scale: number; typical: number }> = [];
  private observed = 0;
  private readonly o: Required<ShortTermForecastOptions>;
  /** Errors of the next-minute forecasts by phase of each burst period. */
  private readonly phaseErrors: PhaseErrors[];

  constructor(options: ShortTermForecastOptions) {
    this.o = { ...SHORT_TERM_DEFAULTS, ...options };
    if (!(Number.isInteger(this.o.maxHorizon) && this.o.maxHorizon >= 1)) {
      throw new RangeError(`maxHorizon must be a whole number of minutes ≥ 1, got ${this.o.maxHorizon}`);
    }
    this.phaseErrors = this.o.burstPeriods.map((p) => new PhaseErrors(p, this.o.errorWindowMinutes, this.o.maxHorizon, { spread: this.o.burstSpread, surprise: this.o.burstSurprise }));
    for (let h = 0; h <= this.o.maxHorizon; h++) {
      this.errors.push(this.newErrorWindow());
      this.errorsByLevel.push([]);
    }
  }

  private newErrorWindow(): WindowedQuantiles {
    return new WindowedQuantiles(this.o.errorWindowMinutes, -20, 60, 0.05);
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
      this.errors[h].add(z);
      (this.errorsByLevel[h][levelBucket(basis.points[h])] ??= this.newErrorWindow()).add(z);
      // Phase errors only once the typical traffic is taken over a whole volatility window.
      if (h === 1 && this.observed > this.o.volatilityMinutes) {
        for (const p of this.phaseErrors) p.record(this.observed, requests, basis.points[1], basis.typical, basis.scale);
      }
    }
    this.values.push(requests);
    const keep = Math.max(this.o.levelMinutes, this.o.trendMinutes, this.o.volatilityMinutes + 1);
    if (this.values.length > keep) this.values.shift();
    this.observed++;
    const scale = this.scale();
    const points = [0];
    for (let h = 1; h <= this.o.maxHorizon; h++) points.push(this.pointAt(h, scale));
    this.pending.push({ points, scale, typical: median(this.last(this.o.volatilityMinutes)) });
    if (this.pending.length > this.o.maxHorizon) this.pending.shift();
  }

  private last(n: number): number[] {
    return this.values.slice(Math.max(0, this.values.length - n));
  }

  /** The error scale: the typical minute-to-minute change over the volatility window (at least 1). */
  private scale(): number {
    const v = this.last(this.o.volatilityMinutes + 1);
    const changes: number[] = [];
    for (let i = 1; i < v.length; i++) changes.push(Math.abs(v[i] - v[i - 1]));
    if (changes.length === 0) return Math.max(1, Math.sqrt(v[0] ?? 0));
    return Math.max(1, this.o.robust ? median(changes) : mean(changes));
  }

  private pointAt(h: number, scale: number): number {
    const levelValues = this.last(this.o.levelMinutes);
    const L = levelValues.length;
    const level = this.o.robust ? median(levelValues) : mean(levelValues);
    // A level shift: the last minutes all sit far on one side of the level; follow them at once.
    const recent = this.last(SHIFT_MINUTES);
    if (L > SHIFT_MINUTES && recent.every((v) => v > level + SHIFT_Z * scale)) return mean(recent);
    if (L > SHIFT_MINUTES && recent.every((v) => v < level - SHIFT_Z * scale)) return mean(recent);
    const trend = this.last(this.o.trendMinutes);
    const K = trend.length;
    let slope = 0;
    if (K >= 4 && this.o.robust) {
      // Difference of the medians of the two halves, over the distance between their centres.
      const half = Math.floor(K / 2);
      slope = (median(trend.slice(K - half)) - median(trend.slice(0, half))) / (K - half);
    } else if (K >= 3) {
      slope = sampleCovariance(trend.map((_, i) => i), trend) / sampleVariance(trend.map((_, i) => i));
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
    const byLevel = this.errorsByLevel[h][levelBucket(point)];
    const errors = byLevel !== undefined && byLevel.length >= MIN_ERRORS ? byLevel : this.errors[h];
    const z = errors.length >= MIN_ERRORS ? (errors.quantile(q) ?? DEFAULT_Z) : DEFAULT_Z;
    let value = Math.max(0, point + z * scale);
    // Periodic bursts: the phase's errors relative to the typical traffic replace the level's, which
    // mix burst and quiet phases (and whose volatility scale a burst inflates for an hour).
    const periodic = this.phaseErrors.filter((p) => p.periodic);
    if (periodic.length > 0) {
      const typical = this.pending[this.pending.length - 1].typical;
      let e = -Infinity;
      for (const p of periodic) for (let k = 1; k <= h; k++) e = Math.max(e, p.error(this.observed - 1 + k, q) ?? 0);
      value = Math.max(0, point + e * (typical + 1));
    }
    return { horizon: h, quantile: q, point, scale, z, value, errorsSeen: errors.length };
  }
}
