/**
 * Public types of the trend area: load forecasts (MSTL + ETS from @bsull/augurs), recurring peaks,
 * changepoints, and the shadow fleet plan. Times are Unix milliseconds; rates are per step of the series
 * (requests per minute for a minute series).
 */

/** A regularly spaced series: value i covers [startMs + i·stepMs, startMs + (i+1)·stepMs). */
export interface RegularSeries {
  readonly startMs: number;
  readonly stepMs: number;
  readonly values: readonly number[];
}

export interface ForecastOptions {
  /** Steps to forecast (e.g. 10,080 for 7 days of minutes). */
  readonly horizon: number;
  /** Prediction interval level in (0, 1); default 0.95. */
  readonly level?: number;
  /**
   * Seasonal periods in steps. Default: daily and weekly periods for the series' step, each kept only
   * when the history holds at least two full cycles; yearly too when it holds two years.
   */
  readonly periods?: readonly number[];
  /** `seasonal-naive` (default): cap the interval at the seasonal-naive band of the history; `none`: augurs' raw interval. */
  readonly intervalCap?: 'seasonal-naive' | 'none';
}

/** A forecast with its prediction interval. Arrays have `horizon` values, starting right after the history. */
export interface LoadForecast {
  readonly startMs: number;
  readonly stepMs: number;
  /** The interval level the bounds were computed at, e.g. 0.95. */
  readonly level: number;
  /** Seasonal periods (steps) the model was fitted with. */
  readonly periods: readonly number[];
  readonly point: readonly number[];
  /** Lower bound, clamped at 0 (load cannot be negative). */
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** Long-term growth of the history: see {@link GrowthRate}. */
  readonly growth: GrowthRate;
  /** Half-widths the interval was capped at (below and above the point), when capped. */
  readonly intervalCap?: { readonly below: number; readonly above: number };
}

/** Linear trend of daily means over the history. */
export interface GrowthRate {
  /** Change of the daily mean per day, in units per step (e.g. requests/minute per day). */
  readonly slopePerDay: number;
  /** slopePerDay · 7 / mean level, as a fraction (0.05 = +5 % per week). 0 with under 2 days of history. */
  readonly relativePerWeek: number;
  /** Number of full days the trend was fitted on. */
  readonly days: number;
}

/** A recurring peak period of the seasonal profile (average by time of day, or of week). */
export interface RecurringPeak {
  /** `daily`: offset from midnight UTC; `weekly`: offset from Monday 00:00 UTC. */
  readonly cycle: 'daily' | 'weekly';
  readonly startOffsetMinutes: number;
  readonly lengthMinutes: number;
  /** Highest profile value inside the peak (units per step). */
  readonly height: number;
  /** Profile mean over the whole cycle, for scale. */
  readonly cycleMean: number;
}

/** A peak found in a forecast: absolute times. */
export interface ForecastPeak {
  readonly startMs: number;
  readonly endMs: number;
  readonly height: number;
}

/** A change in the level of daily load found by augurs' Bayesian online changepoint detector. */
export interface LoadChangepoint {
  /** Start of the first day of the new regime. */
  readonly atMs: number;
  /** Mean of the daily means in the regime before and after (units per step). */
  readonly meanBefore: number;
  readonly meanAfter: number;
  /** meanAfter / meanBefore − 1 (0.5 = a 50 % step up). */
  readonly relativeChange: number;
}

/** A shadow host template declared in configuration. */
export interface ShadowTemplate {
  readonly name: string;
  /** Software stack, e.g. an image or package set. */
  readonly stack: string;
  /** Configuration applied when warming (free-form key/values). */
  readonly config?: Readonly<Record<string, string>>;
  /** Data pre-loaded while warming (dataset names, cache keys). */
  readonly preload?: readonly string[];
  /** Behavioural profiles this template is prepared for; one template with none is the default. */
  readonly profiles: readonly string[];
}

/** Share of predicted load per behavioural profile for one hour (shares need not sum to 1). */
export type ProfileMix = Readonly<Record<string, number>>;

/** What tiers 1 and 2 can bring in time, and how a predicted excess must look to warrant standby hosts. */
export interface ShadowPlanOptions {
  /** Requests per step (minute) one host serves within its SLO. */
  readonly capacityPerHost: number;
  /** Cold start (tier 2 lead time) = warm-up time of a shadow host, in minutes. */
  readonly coldStartMinutes: number;
  /** Hosts' worth of capacity tier 1 adds at once on running hosts (headroom); default 0. */
  readonly tier1Hosts?: number;
  /** A predicted excess must last at least this many minutes to count (spikes are ignored); default 15. */
  readonly minSustainedMinutes?: number;
  /** Plan length in hours; default 168 (7 days). */
  readonly horizonHours?: number;
  readonly templates: readonly ShadowTemplate[];
  /** Predicted profile mix per plan hour (index 0 = first plan hour); missing hours use the default template. */
  readonly profileMix?: readonly (ProfileMix | undefined)[];
}

/** One coming hour of the plan. */
export interface ShadowPlanHour {
  readonly startMs: number;
  /** Highest upper-bound load in the hour (units per step). */
  readonly upperPeak: number;
  /** Hosts the point forecast needs at the hour's peak (tier 2 launches them ahead of time). */
  readonly baseHosts: number;
  /**
   * Hosts the upper bound needs where its excess lasts (point-forecast hosts + tier 1 + sustained excess;
   * the point-forecast hosts elsewhere), highest in the hour. Absent in plans made before it existed.
   */
  readonly upperHosts?: number;
  /** Standby hosts that must be ready at startMs: the sustained excess of the upper bound over tiers 1+2. */
  readonly standbyHosts: number;
  /** standbyHosts split over templates (sums to standbyHosts). */
  readonly byTemplate: Readonly<Record<string, number>>;
}

/** Start warming `hosts` hosts of `template` at startWarmingMs so that they are ready at readyMs. */
export interface WarmupOrder {
  readonly template: string;
  readonly hosts: number;
  readonly startWarmingMs: number;
  readonly readyMs: number;
}

/** When standby hosts are activated: only for predicted excess that lasts. */
export interface ActivationRule {
  readonly minSustainedMinutes: number;
  readonly description: string;
}

export interface ShadowFleetPlan {
  readonly startMs: number;
  readonly level: number;
  readonly capacityPerHost: number;
  readonly coldStartMinutes: number;
  readonly tier1Hosts: number;
  readonly activation: ActivationRule;
  readonly hours: readonly ShadowPlanHour[];
  readonly warmups: readonly WarmupOrder[];
  readonly totals: {
    readonly standbyHostHours: number;
    readonly peakStandbyHosts: number;
    readonly byTemplateHostHours: Readonly<Record<string, number>>;
  };
}
