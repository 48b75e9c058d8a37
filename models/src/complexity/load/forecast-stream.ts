import type { BehaviourEvent } from '../../events';
import { BehaviourLoadModel, type ComplexityLoadForecast, type LoadModelOptions } from './behaviour-load';

const MINUTE = 60_000;

export interface ForecastStreamOptions extends Partial<LoadModelOptions> {
  /** Horizons (minutes) forecast at every minute; the exporter's behaviour service uses 5, 15 and 60. */
  readonly horizons: readonly number[];
  /** Minutes of the log seen before the first forecast (BENCHMARKS.md §3 scores after 60). */
  readonly warmupMinutes?: number;
  /**
   * The expected cost of an active user's next action from a next-action model (the exporter's LSTM,
   * which also sees the user's profile); later actions follow the action chain. Absent: the chain alone.
   */
  readonly nextCost?: (userId: string, model: BehaviourLoadModel) => number | undefined;
}

/**
 * The behaviour-aware forecast, computed causally minute by minute from a per-request log: `at(t)`
 * feeds the model (the exporter's BehaviourLoadModel) every event before the start of minute t, and
 * only those, then forecasts the load of the next h minutes for each horizon. Minutes must be asked for
 * in increasing order.
 */
export class BehaviourForecastStream {
  readonly model: BehaviourLoadModel;
  private next = 0;
  private lastT = -1;
  private readonly horizons: readonly number[];
  private readonly warmup: number;
  private readonly nextCost: ForecastStreamOptions['nextCost'];

  constructor(
    private readonly events: readonly BehaviourEvent[],
    private readonly startMs: number,
    options: ForecastStreamOptions,
  ) {
    const { horizons, warmupMinutes, nextCost, ...model } = options;
    this.nextCost = nextCost;
    if (horizons.length === 0) throw new RangeError('the forecast stream needs at least one horizon');
    this.model = new BehaviourLoadModel({ ...model, maxHorizonMinutes: Math.max(...horizons, model.maxHorizonMinutes ?? 0) });
    this.horizons = horizons;
    this.warmup = warmupMinutes ?? 60;
    for (let i = 1; i < events.length; i++) {
      if (events[i].timestamp < events[i - 1].timestamp) throw new RangeError(`events must be sorted by time (event ${i} is earlier than event ${i - 1})`);
    }
  }

  /** The forecasts at the start of minute t, one per horizon (undefined during the warm-up). */
  at(t: number): ComplexityLoadForecast[] | undefined {
    if (t <= this.lastT) throw new RangeError(`minutes must increase: asked for ${t} after ${this.lastT}`);
    this.lastT = t;
    const originMs = this.startMs + t * MINUTE;
    while (this.next < this.events.length && this.events[this.next].timestamp < originMs) this.model.observe(this.events[this.next++]);
    if (t < this.warmup) return undefined;
    const next = this.nextCost;
    return this.model.forecast(originMs, this.horizons, next ? (u) => next(u, this.model) : undefined);
  }

  /** Events fed to the model so far (all of them before the last minute asked for). */
  get eventsSeen(): number {
    return this.next;
  }
}
