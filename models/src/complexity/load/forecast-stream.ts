import type { BehaviourEvent } from '../../events';
import { BehaviourLoadModel, type LoadModelOptions } from './behaviour-load';

const MINUTE = 60_000;

/** An outside forecast of demand the resource manager can size for: expected load per minute at a horizon. */
export interface MinuteForecast {
  readonly source: string;
  /** Expected complexity in minute `horizonMinutes` from now (1 = the coming minute); undefined: no opinion. */
  perMinute(horizonMinutes: number): number | undefined;
}

export interface ForecastStreamOptions extends Partial<LoadModelOptions> {
  /** Longest horizon asked for (the manager asks up to cold start + 1). */
  readonly horizonMinutes: number;
  /** Minutes of the log seen before the first forecast (BENCHMARKS.md §3 scores after 60). */
  readonly warmupMinutes?: number;
}

/**
 * The behaviour-aware forecast, computed causally minute by minute from a per-request log: `at(t)`
 * feeds the model (the exporter's BehaviourLoadModel) every event before the start of minute t, and
 * only those, then forecasts the cumulative load F(h) of minutes t … t+h−1 for h = 1 … H; the load
 * in minute h is F(h) − F(h−1). Minutes must be asked for in increasing order.
 */
export class BehaviourForecastStream {
  readonly model: BehaviourLoadModel;
  private next = 0;
  private lastT = -1;
  private readonly horizons: number[];
  private readonly warmup: number;

  constructor(
    private readonly events: readonly BehaviourEvent[],
    private readonly startMs: number,
    options: ForecastStreamOptions,
  ) {
    const H = options.horizonMinutes;
    if (!(Number.isInteger(H) && H >= 1)) throw new RangeError(`horizonMinutes must be a whole number ≥ 1, got ${H}`);
    this.model = new BehaviourLoadModel({ ...options, maxHorizonMinutes: Math.max(H, options.maxHorizonMinutes ?? 0) });
    this.horizons = Array.from({ length: H }, (_, i) => i + 1);
    this.warmup = options.warmupMinutes ?? 60;
    for (let i = 1; i < events.length; i++) {
      if (events[i].timestamp < events[i - 1].timestamp) throw new RangeError(`events must be sorted by time (event ${i} is earlier than event ${i - 1})`);
    }
  }

  /** The forecast at the start of minute t (undefined during the warm-up). */
  at(t: number): MinuteForecast | undefined {
    if (t <= this.lastT) throw new RangeError(`minutes must increase: asked for ${t} after ${this.lastT}`);
    this.lastT = t;
    const originMs = this.startMs + t * MINUTE;
    while (this.next < this.events.length && this.events[this.next].timestamp < originMs) this.model.observe(this.events[this.next++]);
    if (t < this.warmup) return undefined;
    const cumulative = this.model.forecast(originMs, this.horizons).map((f) => f.complexity);
    const perMinute = cumulative.map((c, i) => Math.max(0, c - (i === 0 ? 0 : cumulative[i - 1])));
    return { source: 'behaviour', perMinute: (h) => (Number.isInteger(h) && h >= 1 && h <= perMinute.length ? perMinute[h - 1] : undefined) };
  }

  /** Events fed to the model so far (all of them before the last minute asked for). */
  get eventsSeen(): number {
    return this.next;
  }
}
