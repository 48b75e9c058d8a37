/** The three pools (HAProxy backends): control, treatment, and a fixed pool sized for the night's mean. */
export const POOLS = ['pool_control', 'pool_treatment', 'pool_fixed'] as const;

export interface AbLiveOptions {
  /** Strategy names (models/src/sim/strategies.ts) of the control and treatment pools. */
  readonly control: string;
  readonly treatment: string;
  /** The tuners' segment and warm-up on switching arm, in strategy minutes (see arm-strategies.ts). */
  readonly tunerSegmentMinutes: number;
  readonly tunerWarmupMinutes: number;
  /** Log seconds per wall-clock second: one log minute is one strategy minute. */
  readonly speedup: number;
  /** Days of NASA July per-minute rates the strategies see first as history (at most 15; 0: none). */
  readonly historyDays: number;
  /** Minutes of the NASA midday slice played offline as history (after the night), then replayed live. */
  readonly warmMiddayMinutes: number;
  readonly liveMinutes: number;
  /** Strategy minutes per matched segment. */
  readonly segmentMinutes: number;
  /** Segments before a verdict on cost (the SLO stop rule looks from 3 on). */
  readonly minSegments: number;
  /** 1 − Apdex the treatment may lose before the stop rule counts it as harm. */
  readonly sloMargin: number;
  readonly hostsPerPool: number;
  /** A host's work per request, ms (it serves one at a time). */
  readonly serviceMs: number;
  /**
   * The share of a host's measured throughput the strategies may plan for: C = utilisation × requests per
   * strategy minute one host served in the calibration. 0.7 keeps the M/D/1 mean queueing wait of a 50 ms
   * host (ρ / (2μ(1 − ρ)) ≈ 58 ms) under half the Apdex threshold.
   */
  readonly hostUtilisation: number;
  /** Requests sent one after another to one host to measure its throughput. */
  readonly calibrationRequests: number;
  readonly coldStartMinutes: number;
  readonly shadowActivationMinutes: number;
  readonly shadowCost: number;
  readonly apdexThresholdMs: number;
  readonly queueTimeoutMs: number;
  /** Wait after a segment ends before its KPIs are read (log lines of its last requests). */
  readonly logGraceMs: number;
}

/**
 * Midday 10:50–12:00 live at 120× (35 s of traffic, 14 segments of 5 minutes) after a week of July
 * rates, the night and 10:30–10:50 as history (each pool's third). A host serves one 50 ms request at a
 * time: at most 10 requests in a 0.5 s strategy minute by its service time, fewer as measured on a loaded
 * machine; C is 70 % of what the calibration measured. The pools each get a third of ≈ 69 requests a
 * minute (32–164): 3–8 hosts.
 */
export const DEFAULT_AB_OPTIONS: AbLiveOptions = {
  control: 'hpa',
  treatment: 'tiered',
  tunerSegmentMinutes: 60,
  tunerWarmupMinutes: 1440,
  speedup: 120,
  historyDays: 7,
  warmMiddayMinutes: 20,
  liveMinutes: 70,
  segmentMinutes: 5,
  minSegments: 7,
  sloMargin: 0.02,
  hostsPerPool: 16,
  serviceMs: 50,
  hostUtilisation: 0.7,
  calibrationRequests: 60,
  coldStartMinutes: 5,
  shadowActivationMinutes: 1,
  shadowCost: 0.1,
  apdexThresholdMs: 150,
  queueTimeoutMs: 2000,
  logGraceMs: 300,
};
