import type { FleetActions } from '../sim/types';
import type { ShortTermForecast, ShortTermForecastOptions } from './short-term-forecaster';

/** The fleet as the resource manager sees it; times are minutes from now. */
// Deliberately beside sim/types.ts FleetSnapshot (the same fleet, absolute "ready at" minutes, as the
// simulator keeps it): the manager works in minutes from now, so a live fleet needs no clock of its own.
export interface ManagedFleet {
  readonly serving: number;
  /** Cold hosts booting: minutes until each serves. */
  readonly bootingReadyIn: readonly number[];
  /** Shadow hosts booting towards standby: minutes until each is in standby. */
  readonly shadowBootingReadyIn: readonly number[];
  readonly standby: number;
  /** Standby hosts being activated: minutes until each serves. */
  readonly activatingReadyIn: readonly number[];
}

/** Settings of the resource manager. Times in minutes. */
export interface ManagerSettings {
  /** Nominal requests per minute per host at full utilisation, used until tier 1 has learned its own. */
  readonly capacityPerHost: number;
  /** A cold host serves this many minutes after launch (tier 2's lead time). */
  readonly coldStartMinutes: number;
  /** A standby host serves this many minutes after activation. */
  readonly activationMinutes: number;
  /** Standby cost in host-minutes per minute (sets how long idle standby hosts are kept). */
  readonly standbyCost: number;
  /** Utilisation the capacity model sizes for (1 = the full per-host capacity); default 1. */
  readonly targetUtilisation?: number;
  /** Forecast quantile tiers 1–2 keep serving for; default DEFAULT_POLICY's (0.98). */
  readonly servingQuantile?: number;
  /** Forecast quantile tier 3 keeps standby hosts for; default DEFAULT_POLICY's (0.99). */
  readonly surgeQuantile?: number;
  /** Never fewer serving hosts than this; default 1. */
  readonly minHosts?: number;
  /** Options of the short-term forecaster behind tiers 2 and 3 (its horizon follows the lead times). */
  readonly forecast?: Partial<Omit<ShortTermForecastOptions, 'maxHorizon'>>;
  /** Minutes between refits of the tier 1 capacity model; default 360. */
  readonly refitMinutes?: number;
}

/**
 * A standby pool size taken from the trend plan (the shadow fleet plan's standbyHosts for the coming hour),
 * tier 3's alternative to sizing the pool from the short-term surge forecast.
 */
export interface PlannedStandby {
  /** Standby hosts the plan wants ready now: its sustained excess over the point forecast (a whole number ≥ 0). */
  readonly hosts: number;
  /**
   * Hosts the plan's sustained upper bound needs now. When given, tier 3 keeps this minus the serving pool
   * tiers 1–2 plan for the cold-start horizon (`plan-net`: the plan net of what tiers 1–2 really serve,
   * rather than of the point forecast) instead of `hosts`.
   */
  readonly upperHosts?: number;
  /** Where the number comes from, for the explanation (e.g. the plan's fit time and hour). */
  readonly source: string;
}

/**
 * A forecast from outside the manager's own short-term forecaster (the behaviour-aware complexity-load
 * forecast of the exporter, or its causal replay in the simulator), in the unit of the observed history.
 */
export interface ExternalForecast {
  /** Where it comes from, for the explanation (e.g. `behaviour-aware (LSTM + load model)`). */
  readonly source: string;
  /** Expected load per step (minute) at `horizon` steps ahead; undefined where it has no forecast. */
  perMinute(horizon: number): number | undefined;
}

/** Where tier 3's standby pool size came from in a decision. */
export type StandbySizing = 'self' | 'plan' | 'plan-net';

/** One tier's recommendation with the numbers behind it. */
export interface TierRecommendation {
  readonly tier: 1 | 2 | 3;
  readonly pool: 'serving' | 'standby';
  readonly hosts: number;
  readonly reason: string;
  /** The forecast the tier used, if any. */
  readonly forecast?: ShortTermForecast;
  readonly numbers: Readonly<Record<string, number>>;
}

/** A decision of the resource manager: what to do now, and why. */
export interface ScalingDecision {
  readonly actions: FleetActions;
  readonly tiers: readonly TierRecommendation[];
  /** How the tiers were combined into pool sizes. */
  readonly combined: {
    /** Hosts that should serve now (excess goes to standby). */
    readonly servingNow: number;
    /** Hosts that must serve once an activation started now completes. */
    readonly servingAtActivation: number;
    /** Hosts that must be serving or activatable once a cold host launched now serves. */
    readonly servingAtColdStart: number;
    /** Standby hosts to keep (tier 3), a pool separate from the serving one. */
    readonly standby: number;
    /** `self`: surge forecast − planned serving pool; `plan`: the trend plan's standby count; `plan-net`: the plan's upper-bound hosts − planned serving pool. */
    readonly standbySizing: StandbySizing;
    readonly rule: string;
  };
}

