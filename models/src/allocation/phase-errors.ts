import { WindowedQuantiles } from './windowed-quantiles';

/**
 * Default: a phase counts as a burst phase when its upper relative errors exceed the median phase's by this
 * much (1: bursts at that phase add at least the typical traffic again). Audited in docs/tuning-audit.md.
 */
export const PHASE_SPREAD = 1;
/** Quantile compared across phases when testing for periodic bursts. */
const TEST_QUANTILE = 0.95;
/** Re-test for periodicity this often (minutes). */
const RETEST_MINUTES = 1440;
const MIN_PER_PHASE = 30;
/**
 * Default: a minute whose relative error exceeds this (a quarter of the typical traffic above the forecast)
 * is a surprise. 0.25 since the tuning audit (chosen on the first halves of the traces; 0.5 before, set on
 * the whole Twitter trace; the two differ by less than 0.01 in cost ratio, see docs/tuning-audit.md).
 */
export const SURPRISE = 0.25;

/** The two thresholds of the burst-phase rule (defaults PHASE_SPREAD and SURPRISE). */
export interface PhaseThresholds {
  /** How far a phase's 95th-percentile relative error must stand above the median phase's to count as a burst phase. */
  readonly spread?: number;
  /** Relative error above which a minute is a surprise (not calm). */
  readonly surprise?: number;
}
/** Relative errors are kept in [MIN_ERROR, MAX_ERROR] at BIN resolution. */
const MIN_ERROR = -2;
const MAX_ERROR = 20;
const BIN = 0.01;

/**
 * The error of a forecast relative to the typical traffic: (actual − forecast) / (typical + 1), where
 * `typical` is a level bursts and gaps barely move (the forecaster uses the median of the last hour).
 * Unlike a ratio to the forecast, it stays bounded when traffic returns after an empty spell.
 */
export const relativeError = (actual: number, forecast: number, typical: number): number => (actual - forecast) / (Math.max(0, typical) + 1);

/** The 95th percentile of a standard normal: how far noise reaches at the burst test's quantile. */
const Z95 = 1.645;
/** Mean |x_t − x_{t−1}| of independent noise of standard deviation σ is σ·2/√π ≈ 1.128σ (the scale measures that). */
const MEAN_ABS_CHANGE_PER_SIGMA = 2 / Math.sqrt(Math.PI);

/**
 * Whether a minute's relative error can tell a burst from noise: the noise alone (σ ≈ scale / 1.128, from the
 * typical minute-to-minute change) must reach, at the test's 95th percentile, less than half the burst spread,
 * i.e. typical ≥ 2 × 1.645 / (1.128 × spread) scales (2.9 at the default spread of 1). Below that, as when
 * traffic is a few requests a minute or just came back from an outage (the median of the last hour still near
 * zero), relative errors of several typical units are noise, and counting them would let the test read noise
 * as bursts and the quantiles at those phases ask for tens of times the traffic (docs/simulation.md).
 * Derived from the spread, not searched.
 */
export function distinguishesBursts(typical: number, scale: number, spread: number = PHASE_SPREAD): boolean {
  return typical >= ((2 * Z95) / (MEAN_ABS_CHANGE_PER_SIGMA * spread)) * scale;
}

/**
 * Next-minute forecast errors by phase of a short period (e.g. minute modulo 30), for traffic with
 * bursts that recur at fixed phases. Errors are relative to the typical traffic (see `relativeError`),
 * so a burst that triples the traffic reads the same whatever the recent volatility. Once a day it
 * tests whether some phase's upper errors stand far above the median phase's; only then does `error` answer (else
 * undefined), so traces without such bursts are unaffected.
 *
 * Each phase also keeps, for every lag k up to `maxLag`, the errors of minutes whose minute k earlier
 * was calm (no surprise): for a minute k ahead of the last recorded one, when that one was calm, those
 * answer. A burst that did not start at its usual phase is then not expected to be under way in the
 * minutes after it, while the minutes in between (unknown) still count.
 */
export class PhaseErrors {
  private readonly phases: WindowedQuantiles[];
  /** afterCalm[k - 1][phase]: errors of minutes whose minute k earlier was calm. */
  private readonly afterCalm: WindowedQuantiles[][];
  /** Whether each of the last `maxLag` recorded minutes was calm (newest last), and the newest's minute. */
  private readonly recentCalm: boolean[] = [];
  private lastMinute = -1;
  private active = false;
  private sinceTest = 0;
  private readonly spread: number;
  private readonly surprise: number;

  constructor(
    readonly period: number,
    windowMinutes: number,
    readonly maxLag = 1,
    thresholds: PhaseThresholds = {},
  ) {
    if (!(Number.isInteger(period) && period >= 2)) throw new RangeError(`period must be a whole number of minutes ≥ 2, got ${period}`);
    if (!(Number.isInteger(maxLag) && maxLag >= 1)) throw new RangeError(`maxLag must be a whole number of minutes ≥ 1, got ${maxLag}`);
    this.spread = thresholds.spread ?? PHASE_SPREAD;
    this.surprise = thresholds.surprise ?? SURPRISE;
    if (!(this.spread > 0)) throw new RangeError(`spread must be > 0, got ${this.spread}`);
    if (!(this.surprise > 0)) throw new RangeError(`surprise must be > 0, got ${this.surprise}`);
    const perPhase = Math.max(MIN_PER_PHASE, Math.ceil(windowMinutes / period));
    const windows = (): WindowedQuantiles[] => Array.from({ length: period }, () => new WindowedQuantiles(perPhase, MIN_ERROR, MAX_ERROR, BIN));
    this.phases = windows();
    this.afterCalm = Array.from({ length: maxLag }, windows);
  }

  /** Whether periodic bursts were found at the last test. */
  get periodic(): boolean {
    return this.active;
  }

  /**
   * Records the next-minute forecast's outcome for minute `minute`: its relative error (see `relativeError`)
   * when the typical traffic is high enough above the noise (`distinguishesBursts`); a minute that is not
   * counts as a gap (the lags start afresh after it).
   */
  record(minute: number, actual: number, forecast: number, typical: number, scale: number): void {
    if (distinguishesBursts(typical, scale, this.spread)) this.add(minute, relativeError(actual, forecast, typical));
  }

  /** Records the relative error (see `relativeError`) of the next-minute forecast for minute `minute`. */
  add(minute: number, error: number): void {
    const phase = minute % this.period;
    this.phases[phase].add(error);
    // Minutes must come one after another for the lags to mean anything; a jump starts afresh.
    if (minute !== this.lastMinute + 1) this.recentCalm.length = 0;
    const n = this.recentCalm.length;
    for (let k = 1; k <= n; k++) if (this.recentCalm[n - k]) this.afterCalm[k - 1][phase].add(error);
    this.recentCalm.push(error <= this.surprise);
    if (this.recentCalm.length > this.maxLag) this.recentCalm.shift();
    this.lastMinute = minute;
    if (++this.sinceTest >= RETEST_MINUTES) {
      this.sinceTest = 0;
      this.active = this.test();
    }
  }

  private test(): boolean {
    if (this.phases.some((p) => p.length < MIN_PER_PHASE)) return false;
    const q = this.phases.map((p) => p.quantile(TEST_QUANTILE) ?? 0).sort((a, b) => a - b);
    return q[q.length - 1] - q[Math.floor(q.length / 2)] > this.spread;
  }

  /**
   * The q-quantile of the relative errors at the phase of `minute`, when periodic bursts were found;
   * else undefined. For a minute k ≤ maxLag after the last recorded one, if that was calm, only errors
   * of minutes whose minute k earlier was calm count.
   */
  error(minute: number, q: number): number | undefined {
    if (!this.active) return undefined;
    const phase = minute % this.period;
    const k = minute - this.lastMinute;
    const lastCalm = this.recentCalm.length > 0 && this.recentCalm[this.recentCalm.length - 1];
    const calm = k >= 1 && k <= this.maxLag && lastCalm ? this.afterCalm[k - 1][phase] : undefined;
    return (calm !== undefined && calm.length >= MIN_PER_PHASE ? calm : this.phases[phase]).quantile(q);
  }
}
