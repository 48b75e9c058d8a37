import type { TraceHistory } from '../history';

/** Days of history averaged by the `predictive` baseline's forecast. */
export const PREDICTIVE_LOOKBACK_DAYS = 14;
const HOURS_PER_DAY = 24;

/**
 * AWS-style hourly forecast: the value for hour h is the mean, over up to 14 past days with that hour
 * fully observed, of that hour-of-day's peak minute. Hours are consecutive 60-minute blocks of the
 * trace from minute 0. No forecast before 24 h of history.
 */
export class HourlyPeakForecast {
  private readonly peaks: number[] = [];

  /** Records every hour completed by the history so far. */
  observe(history: TraceHistory): void {
    while ((this.peaks.length + 1) * 60 <= history.length) {
      const start = this.peaks.length * 60;
      let peak = 0;
      for (let i = start; i < start + 60; i++) peak = Math.max(peak, history.at(i));
      this.peaks.push(peak);
    }
  }

  /** Forecast peak requests per minute for the hour holding `minute`, or undefined without a full day. */
  at(minute: number): number | undefined {
    if (this.peaks.length < HOURS_PER_DAY) return undefined;
    const hour = Math.floor(minute / 60);
    let sum = 0;
    let n = 0;
    for (let k = 1; k <= PREDICTIVE_LOOKBACK_DAYS; k++) {
      const h = hour - k * HOURS_PER_DAY;
      if (h < 0) break;
      if (h >= this.peaks.length) continue;
      sum += this.peaks[h];
      n++;
    }
    return n > 0 ? sum / n : undefined;
  }
}
