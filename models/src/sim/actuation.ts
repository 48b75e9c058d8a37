/**
 * The actuation delay δ: the real path carries a decision made at the start of step t to the fleet δ
 * steps later (the exporter's decision offset, a Prometheus scrape and rule evaluation, the rule's
 * `for:`, Alertmanager's grouping, the webhook). The manager keeps its own books and never waits for the
 * real pool, so the real fleet is the books' fleet δ later, in continuous time: over minute t it is the
 * books of minute t − k − 1 for the first f of the minute and of minute t − k after (δ = k + f). A minute
 * is measured the way `shadowfleet replay` measures production (exporter/src/replay/measure.ts): hosts
 * serving are time-averaged over the minute and rounded (a host counts when it served at least half the
 * minute), cost is the time-averaged bill.
 */

/** Per-minute values of the books (the fleet as the strategy's actions leave it, acting at once). */
export interface FleetMinutes {
  readonly serving: ArrayLike<number>;
  readonly booting: ArrayLike<number>;
  readonly standby: ArrayLike<number>;
  readonly activating: ArrayLike<number>;
  /** Host-minutes billed in the minute: full price (serving, booting, activating) + ks × standby. */
  readonly cost: ArrayLike<number>;
}

/** The same minutes as the real pool shows them δ later: time-averaged, and `supply` rounded as production is measured. */
export interface ActuatedMinutes {
  readonly serving: Float64Array;
  readonly booting: Float64Array;
  readonly standby: Float64Array;
  readonly activating: Float64Array;
  readonly cost: Float64Array;
  /** s_t = round(time-averaged serving hosts). */
  readonly supply: Int32Array;
}

/** Checks an actuation delay, naming the field. */
export function checkActuationDelay(delay: number): number {
  if (!(Number.isFinite(delay) && delay >= 0)) throw new RangeError(`actuation delay must be a number of steps ≥ 0, got ${delay}`);
  return delay;
}

/**
 * One per-minute series of the books as the real pool shows it δ steps later: over minute t the books of
 * minute t − k − 1 for the first f of the minute and of minute t − k after (δ = k + f), time-averaged.
 * Before minute 0 the series is as in minute 0.
 */
export function lagged(series: ArrayLike<number>, delay: number): Float64Array {
  checkActuationDelay(delay);
  const T = series.length;
  const k = Math.floor(delay);
  const f = delay - k;
  const at = (t: number): number => series[Math.min(T - 1, Math.max(0, t))];
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = f === 0 ? at(t - k) : f * at(t - k - 1) + (1 - f) * at(t - k);
  return out;
}

/** Hosts serving per minute as production is measured: the time-averaged count rounded (a host counts when it served at least half the minute). */
export function measuredSupply(serving: ArrayLike<number>): Int32Array {
  const supply = new Int32Array(serving.length);
  // Rounded as measure.ts rounds production minutes; the epsilon keeps an exact half (0.5 of a host) from flipping on float error.
  for (let t = 0; t < serving.length; t++) supply[t] = Math.floor(serving[t] + 0.5 + 1e-9);
  return supply;
}

/** The books' minutes seen δ steps later (δ = 0: the books themselves, supply exact). Before minute 0 the fleet is as in minute 0. */
export function actuate(book: FleetMinutes, delay: number): ActuatedMinutes {
  const serving = lagged(book.serving, delay);
  return {
    serving,
    booting: lagged(book.booting, delay),
    standby: lagged(book.standby, delay),
    activating: lagged(book.activating, delay),
    cost: lagged(book.cost, delay),
    supply: measuredSupply(serving),
  };
}

/**
 * The parts of the real path between a decision and the pool, in seconds (shipped values are read by the
 * exporter: exporter/src/sim/actuation-delay.ts). Random phases are taken at their mean (half an interval).
 */
export interface ActuationPath {
  /** The decision step (the exporter's decision interval). */
  readonly stepSeconds: number;
  /** When in the step the manager decides, as a share of the step (the exporter's DECISION_MARGIN). */
  readonly decisionOffsetShare: number;
  readonly scrapeIntervalSeconds: number;
  readonly evaluationIntervalSeconds: number;
  /** The `for:` of the rule that carries the target (ShadowfleetSetHosts). */
  readonly ruleForSeconds: number;
  readonly groupWaitSeconds: number;
  readonly groupIntervalSeconds: number;
  /**
   * Whether each set-point's alert has an Alertmanager group of its own (the route groups by every label,
   * `group_by: ['...']`, or by the target label): then every change waits group_wait. Otherwise the
   * set-points of a pool share a group, which may still be open when the next one arrives.
   */
  readonly groupPerSetPoint: boolean;
  /** The webhook from receipt to the pool's change (measured: bench/results/webhook.json). */
  readonly webhookSeconds: number;
  /** The pool's cooldown: the webhook defers a change that comes sooner than this after the last one. */
  readonly cooldownSeconds: number;
}

/** The derivation of δ, term by term (seconds), so that docs and `--json` can show the arithmetic. */
export interface ActuationDelayDerivation {
  readonly steps: number;
  readonly seconds: number;
  readonly terms: Readonly<Record<string, number>>;
  /** Whether the alert of a change opens a new Alertmanager group (its own, or the previous change's group closed within the step). */
  readonly new_group: boolean;
  /**
   * Whether the pool's cooldown can defer a set-point: it is longer than the shortest gap between two
   * consecutive steps' changes (the step less the spread of the scrape and evaluation phases). A deferred
   * change finishes later, which defers the next one further: while the pool changes every step the delay
   * grows with each change, and `steps` is only a lower bound.
   */
  readonly cooldown_defers: boolean;
}

/**
 * How often Alertmanager's dispatcher removes empty groups: `time.NewTicker(30 * time.Second)` in its
 * dispatch/dispatch.go, not configurable (and not divided by a replay's speed).
 */
export const ALERTMANAGER_MAINTENANCE_SECONDS = 30;

/** The longest cooldown that cannot defer a set-point: the shortest gap between two consecutive steps' changes. */
export function cooldownRoomSeconds(p: Pick<ActuationPath, 'stepSeconds' | 'scrapeIntervalSeconds' | 'evaluationIntervalSeconds'>): number {
  return p.stepSeconds - p.scrapeIntervalSeconds - p.evaluationIntervalSeconds;
}

/**
 * δ from the path's settings, at the mean of every random phase:
 *   δ = offset + scrape/2 + evaluation/2 + for + Alertmanager + webhook + max(0, cooldown − step)
 * Alertmanager waits group_wait when the alert opens a new group: always when each set-point has a group of
 * its own (`groupPerSetPoint`, as shipped). Otherwise only when the previous change's group has gone: that
 * group flushed at (offset + scrape/2 + evaluation/2 + for + group_wait) after its decision, learnt of its
 * resolution once the webhook's new pool size was scraped and evaluated, sent it at the first group_interval
 * tick after that, and was removed, empty, at Alertmanager's next maintenance tick (a fixed 30 s: half of
 * it on average). If it is still there when the next step's alert arrives, the alert waits for the group's
 * next tick: group_interval/2 on average.
 * The cooldown is counted from when the previous change finished. Consecutive changes arrive as little as
 * step − scrape − evaluation apart, so a longer cooldown defers some, each deferral carries into the next,
 * and the mean is not a fixed number (`cooldown_defers`): the replay measured 0.72 step with a 60 s
 * cooldown and 0.47 with 30 s on the same slice (docs/simulation.md).
 */
export function actuationDelaySteps(p: ActuationPath): ActuationDelayDerivation {
  for (const [k, v] of Object.entries(p)) if (typeof v !== 'boolean' && !(Number.isFinite(v) && v >= 0)) throw new RangeError(`${k} must be a number ≥ 0, got ${v}`);
  if (!(p.stepSeconds > 0)) throw new RangeError(`stepSeconds must be > 0, got ${p.stepSeconds}`);
  const offset = p.decisionOffsetShare * p.stepSeconds;
  const arrives = offset + p.scrapeIntervalSeconds / 2 + p.evaluationIntervalSeconds / 2 + p.ruleForSeconds;
  const firstFlush = arrives + p.groupWaitSeconds;
  const resolved = firstFlush + p.webhookSeconds + p.scrapeIntervalSeconds / 2 + p.evaluationIntervalSeconds / 2;
  const ticks = p.groupIntervalSeconds > 0 ? Math.max(1, Math.ceil((resolved - firstFlush) / p.groupIntervalSeconds)) : 0;
  const closes = firstFlush + ticks * p.groupIntervalSeconds + ALERTMANAGER_MAINTENANCE_SECONDS / 2;
  const newGroup = p.groupPerSetPoint || closes <= p.stepSeconds + arrives;
  const terms = {
    decision_offset: offset,
    scrape: p.scrapeIntervalSeconds / 2,
    evaluation: p.evaluationIntervalSeconds / 2,
    rule_for: p.ruleForSeconds,
    alertmanager: newGroup ? p.groupWaitSeconds : p.groupIntervalSeconds / 2,
    webhook: p.webhookSeconds,
    cooldown_beyond_step: Math.max(0, p.cooldownSeconds - p.stepSeconds),
  };
  const seconds = Object.values(terms).reduce((a, b) => a + b, 0);
  return { steps: seconds / p.stepSeconds, seconds, terms, new_group: newGroup, cooldown_defers: p.cooldownSeconds > cooldownRoomSeconds(p) };
}
