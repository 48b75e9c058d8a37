import { WindowedQuantiles } from './windowed-quantiles';

/** A phase's error quantile must exceed the median phase's by this many error scales to count as periodic. */
export const PHASE_SPREAD_Z = 3;
/** Quantile compared across phases when testing for periodic bursts. */
const TEST_QUANTILE = 0.95;
/** Re-test for periodicity this often (minutes). */
const RETEST_MINUTES = 1440;
const MIN_PER_PHASE = 30;

/**
 * Forecast errors by phase of a short period (e.g. minute modulo 30), for traffic with bursts that
 * recur at fixed phases. Once a day it tests whether some phase's upper errors stand far above the
 * median phase's; only then does `quantile` answer (else undefined), so traces without such bursts
 * are unaffected.
 */
export class PhaseErrors {
  private readonly phases: WindowedQuantiles[];
  private active = false;
  private sinceTest = 0;

  constructor(
    readonly period: number,
    windowMinutes: number,
  ) {
    if (!(Number.isInteger(period) && period >= 2)) throw new RangeError(`period must be a whole number of minutes ≥ 2, got ${period}`);
    const perPhase = Math.max(MIN_PER_PHASE, Math.ceil(windowMinutes / period));
    this.phases = Array.from({ length: period }, () => new WindowedQuantiles(perPhase, -20, 60, 0.05));
  }

  /** Whether periodic bursts were found at the last test. */
  get periodic(): boolean {
    return this.active;
  }

  /** Records the standardised error of a forecast for minute `minute`. */
  add(minute: number, z: number): void {
    this.phases[minute % this.period].add(z);
    if (++this.sinceTest >= RETEST_MINUTES) {
      this.sinceTest = 0;
      this.active = this.test();
    }
  }

  private test(): boolean {
    if (this.phases.some((p) => p.length < MIN_PER_PHASE)) return false;
    const q = this.phases.map((p) => p.quantile(TEST_QUANTILE) ?? 0).sort((a, b) => a - b);
    return q[q.length - 1] - q[Math.floor(q.length / 2)] > PHASE_SPREAD_Z;
  }

  /** The q-quantile of the errors at the phase of `minute`, when periodic bursts were found. */
  quantile(minute: number, q: number): number | undefined {
    return this.active ? this.phases[minute % this.period].quantile(q) : undefined;
  }
}
