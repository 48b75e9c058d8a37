/**
 * Inputs and outputs of profile building. A `UserAggregate` is what the store's SQL (or
 * `aggregateEvents` over an event stream) produces per user; everything downstream is pure.
 */

/** Per-user totals over the events in the store. Records map a name to a count or milliseconds. */
export interface UserAggregate {
  readonly userId: string;
  readonly events: number;
  readonly sessions: number;
  readonly errors: number;
  readonly bytes: number;
  /** Events per action (feature or operation). */
  readonly actions: Readonly<Record<string, number>>;
  /**
   * Time spent per action in ms: an event's `durationMs` when given, else the gap to the next event of
   * the same session capped at the session gap; the last event of a session without a duration adds 0.
   * A session's duration is the sum of the time spent on its events.
   */
  readonly actionMs: Readonly<Record<string, number>>;
  /** Events per data type (events without one are not counted). */
  readonly dataTypes: Readonly<Record<string, number>>;
  /** Consecutive action pairs within a session, keyed by `bigramKey(from, to)`. */
  readonly bigrams: Readonly<Record<string, number>>;
  /** Events per hour of day 0..23 (UTC shifted by `hourOffsetMinutes`). */
  readonly hours: readonly number[];
}

export const BIGRAM_SEPARATOR = ' → ';

export function bigramKey(from: string, to: string): string {
  return `${from}${BIGRAM_SEPARATOR}${to}`;
}

/** The vocabulary that fixes the layout of a feature vector; part of a saved model. */
export interface FeatureSpace {
  readonly actions: readonly string[];
  readonly bigrams: readonly string[];
  readonly dataTypes: readonly string[];
  /** One name per vector position, e.g. `mix.search`, `next.home → search`, `hour.night`. */
  readonly names: readonly string[];
}

/** Mean and standard deviation per feature; `active[i]` is false where the deviation is ~0. */
export interface Scaler {
  readonly mean: readonly number[];
  readonly std: readonly number[];
  readonly active: readonly boolean[];
}

export interface ProfileDensity {
  /** Users of this profile in the DBSCAN sample. */
  readonly sampled: number;
  readonly eps: number;
  readonly minPts: number;
  /** Dense groups DBSCAN found inside the profile. */
  readonly groups: number;
  /** Share of the sample that DBSCAN left as noise (unusual behaviour within the profile). */
  readonly noiseShare: number;
  /** Share of the sample in the largest dense group. */
  readonly largestGroupShare: number;
}

export interface Trait {
  readonly feature: string;
  /** Standardised centroid value (z-score). */
  readonly z: number;
}

export interface Profile {
  /** Stable across rebuilds: matched to the previous model's centroids. */
  readonly id: string;
  readonly name: string;
  readonly size: number;
  /** Centroid in raw feature units, aligned with `FeatureSpace.names`. */
  readonly centroid: readonly number[];
  /** The strongest standardised traits, largest |z| first. */
  readonly traits: readonly Trait[];
  readonly density: ProfileDensity;
}

export interface ProfileModel {
  readonly version: 1;
  readonly builtAt: number;
  readonly users: number;
  readonly k: number;
  readonly silhouette: number;
  /** Silhouette (and, under the gap rule, Gap(k) and s_k) per candidate k from the selection step. */
  readonly kScores: ReadonlyArray<{ readonly k: number; readonly silhouette: number; readonly gap?: number; readonly gapSe?: number }>;
  /** How k was chosen, and whether the rule stopped inside the range or ran into kMax (absent in models saved before). */
  readonly kSelection?: { readonly rule: 'gap' | 'silhouette'; readonly stoppedBy: 'rule' | 'limit'; readonly kMin: number; readonly kMax: number; readonly oneGroup?: boolean };
  readonly space: FeatureSpace;
  readonly scaler: Scaler;
  readonly profiles: readonly Profile[];
  readonly nextId: number;
  readonly options: FeatureOptions;
}

export interface FeatureOptions {
  /** Most frequent actions kept as their own mix/time features; the rest fold into `(other)`. */
  readonly topActions: number;
  readonly topBigrams: number;
  readonly topDataTypes: number;
  /**
   * Cluster on the active-hours features (default true). Turn off for data whose clock times are
   * synthetic (the MSNBC and online-shoppers importers lay events out at made-up times).
   */
  readonly useHours?: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = Object.freeze({ topActions: 10, topBigrams: 10, topDataTypes: 8 });
