import type { ExternalForecast } from '../allocation/types';
import type { TraceHistory } from './history';

/** Simulator settings (BENCHMARKS.md section 1, semantics version 1). Times in minutes. */
export interface SimConfig {
  /** Requests per minute one host serves within its SLO (`C`). */
  readonly capacity: number;
  /** Cold start `Lc`: a host launched at t serves from t + Lc. */
  readonly coldStart: number;
  /** Shadow activation `Ls`: a standby host activated at t serves from t + Ls. */
  readonly shadowActivation: number;
  /** Standby cost `ks` in host-minutes per standby minute. */
  readonly shadowCost: number;
  /**
   * Actuation delay δ in steps (minutes), ≥ 0, fractional allowed: a decision made at the start of minute t
   * reaches the fleet δ later, and minutes are measured as production is (time-averaged, rounded; see
   * actuation.ts). Default 0: decisions act at once (semantics version 1).
   */
  readonly actuationDelay?: number;
}

/** The fleet at the start of minute t, after hosts whose boot or activation ends at t became ready. */
export interface FleetSnapshot {
  /** Hosts serving in minute t unless removed now (those whose boot ends at t included). */
  readonly serving: number;
  /** Cold hosts still booting, with the minute each starts serving (ascending). */
  readonly bootingReadyAt: readonly number[];
  /** Shadow hosts still booting towards standby, with the minute each reaches standby (ascending). */
  readonly shadowBootingReadyAt: readonly number[];
  /** Pre-configured hosts in standby. */
  readonly standby: number;
  /** Standby hosts being activated, with the minute each starts serving (ascending). */
  readonly activatingReadyAt: readonly number[];
}

/**
 * What a strategy asks for at the start of minute t. The simulator applies the fields in this order:
 * cancelBooting, removeServing, toStandby, removeStandby, cancelShadowBooting, activate, launch, launchShadow.
 * Cancelling takes the most recently launched host first. Every count is a non-negative integer.
 */
export interface FleetActions {
  /** Cold hosts to launch now (serve from t + Lc, cost 1 per minute from now). */
  readonly launch?: number;
  /** Booting cold hosts to cancel (no cost from this minute on). */
  readonly cancelBooting?: number;
  /** Serving hosts to remove at once. */
  readonly removeServing?: number;
  /** Serving hosts to return to standby at once (cost ks per minute from now). */
  readonly toStandby?: number;
  /** Shadow hosts to launch now: Lc minutes of booting at full cost, then standby. */
  readonly launchShadow?: number;
  /** Shadow hosts still booting to cancel. */
  readonly cancelShadowBooting?: number;
  /** Standby hosts to activate now (serve from t + Ls, cost 1 per minute from now). */
  readonly activate?: number;
  /** Standby hosts to remove at once. */
  readonly removeStandby?: number;
}

/** Everything a strategy may look at when deciding for minute t: never r_t or later. */
export interface DecisionContext {
  readonly t: number;
  /** r_0 … r_{t-1}, read-only; reading index t or later throws. */
  readonly history: TraceHistory;
  readonly fleet: FleetSnapshot;
  readonly config: SimConfig;
  /** What the real fleet showed in minute t-1 (hosts serving, their utilisation 0–1), when it is observed (the exporter). */
  readonly observed?: { readonly hosts: number; readonly utilisation: number };
  /** A forecast from outside the strategy (behaviour-aware), made from what was known before minute t. */
  readonly external?: ExternalForecast;
}

/** A scaling strategy run by the simulator, one decision per minute. */
export interface Strategy {
  readonly name: string;
  decide(ctx: DecisionContext): FleetActions;
}

/**
 * One minute of a simulation, after that minute's decision was applied. With an actuation delay the
 * fleet is the one the real pool shows: `serving` is s_t (time-averaged, rounded), the other counts are
 * time averages (fractional) and `cost` the time-averaged bill.
 */
export interface TimelineRow {
  readonly minute: number;
  readonly requests: number;
  readonly demand: number;
  readonly serving: number;
  /** Cold and shadow hosts booting (both cost a full host-minute). */
  readonly booting: number;
  readonly standby: number;
  readonly activating: number;
  /** Host-minutes billed in the minute: serving + booting + activating + ks × standby. */
  readonly cost: number;
}

/** The elasticity metrics of one run (BENCHMARKS.md section 1). */
export interface SimMetrics {
  readonly minutes: number;
  readonly theta_U: number;
  readonly theta_O: number;
  readonly tau_U: number;
  readonly tau_O: number;
  readonly unserved_pct: number;
  readonly cost_host_minutes: number;
  readonly oracle_cost_host_minutes: number;
  readonly cost_ratio: number;
}
