import type { BehaviourEvent } from '../../events';
import { DEFAULT_SESSION_GAP_MINUTES } from '../../events';
import { observedCost, type ComplexityBasis } from '../cost';
import { ActionChain } from './action-chain';
import { ExpectedAhead } from './expected-ahead';
import { SessionStats } from './session-stats';

export interface LoadModelOptions {
  readonly basis: ComplexityBasis;
  readonly sessionGapMinutes: number;
  readonly maxActions: number;
  /**
   * Half-life of the session-arrival rate estimate; 0 = match the horizon (a 60-minute forecast uses a
   * rate smoothed over about an hour, a 5-minute one over the last few minutes).
   */
  readonly arrivalHalfLifeMinutes: number;
  /** Longest horizon asked for; also how many minutes of each session's start are learned. */
  readonly maxHorizonMinutes: number;
  /** Most future actions rolled out per active session. */
  readonly maxRolloutSteps: number;
  /** The rolled-out action costs are recomputed at most this often (model time). */
  readonly rolloutRefreshMinutes: number;
  readonly maxSessionLength: number;
}

export const LOAD_MODEL_DEFAULTS: LoadModelOptions = {
  basis: 'bytes',
  sessionGapMinutes: DEFAULT_SESSION_GAP_MINUTES,
  maxActions: 256,
  arrivalHalfLifeMinutes: 10,
  maxHorizonMinutes: 60,
  maxRolloutSteps: 200,
  rolloutRefreshMinutes: 5,
  maxSessionLength: 500,
};

export interface ComplexityLoadForecast {
  readonly horizonMinutes: number;
  readonly activeSessions: number;
  /** Expected complexity still to come within the horizon from the sessions active now. */
  readonly activeComplexity: number;
  readonly activeRequests: number;
  readonly newSessions: number;
  readonly newComplexity: number;
  readonly newRequests: number;
  /** activeComplexity + newComplexity, in complexity units. */
  readonly complexity: number;
  readonly requests: number;
}

interface Active {
  readonly startMs: number;
  lastMs: number;
  length: number;
  last: number;
  readonly minuteComplexity: Float64Array;
  readonly minuteRequests: Float64Array;
}

const MINUTE = 60_000;
const HALF_LIVES = [5, 15, 30, 60];

/**
 * Behaviour-aware complexity-load forecast. Fed events in time order, it keeps the active sessions
 * (users' sessions cut after `sessionGapMinutes` of inactivity) and learns, online and only from the
 * past: the mean cost of each action, first-order transitions between actions, how many actions
 * sessions have, the mean gap between actions, the session arrival rate, and the mean complexity of a
 * session's first m minutes. The load of the next h minutes =
 *   Σ active sessions  q · Σ_i S(k, i) · P(Poisson(h/g) ≥ i) · e_i(last action)
 * + λ · Σ_{m=1..h} C(m),
 * where q is the chance the session is still going after its idle time (exponential gaps of mean g),
 * S the empirical chance of reaching i more actions, e_i the rolled-out expected cost of the i-th next
 * action, λ the arrival rate per minute and C(m) the mean complexity of a session's first m minutes.
 */
export class BehaviourLoadModel {
  readonly options: LoadModelOptions;
  readonly chain: ActionChain;
  readonly stats: SessionStats;
  private readonly active = new Map<string, Active>();
  /** Arrival-rate estimates, one per half-life in HALF_LIVES (or the fixed one). */
  private readonly rates: Array<{ halfLife: number; alpha: number; rate: number }>;
  private arrivalsThisMinute = 0;
  private minute = -1;
  private rolloutCache: { minute: number; table: Float64Array[] } | undefined;

  constructor(options: Partial<LoadModelOptions> = {}) {
    this.options = { ...LOAD_MODEL_DEFAULTS, ...options };
    const o = this.options;
    if (!(o.sessionGapMinutes > 0)) throw new Error(`sessionGapMinutes must be > 0, got ${o.sessionGapMinutes}`);
    if (!(Number.isInteger(o.maxHorizonMinutes) && o.maxHorizonMinutes >= 1)) throw new Error(`maxHorizonMinutes must be an integer ≥ 1, got ${o.maxHorizonMinutes}`);
    this.chain = new ActionChain(o.maxActions);
    this.stats = new SessionStats(o.maxSessionLength, o.maxHorizonMinutes);
    const halfLives = o.arrivalHalfLifeMinutes > 0 ? [o.arrivalHalfLifeMinutes] : HALF_LIVES;
    this.rates = halfLives.map((halfLife) => ({ halfLife, alpha: 1 - Math.pow(0.5, 1 / halfLife), rate: 0 }));
  }

  get activeSessions(): number {
    return this.active.size;
  }

  /** Adds one event (events must come in time order, per user at least). */
  observe(e: BehaviourEvent): void {
    this.advance(e.timestamp, false);
    const cost = observedCost(e, this.options.basis) ?? 0;
    const a = this.chain.indexOf(e.action);
    this.chain.addCost(a, cost);
    const key = e.userId;
    let s = this.active.get(key);
    if (s && e.timestamp - s.lastMs > this.options.sessionGapMinutes * MINUTE) {
      this.finish(s);
      s = undefined;
    }
    if (!s) {
      s = { startMs: e.timestamp, lastMs: e.timestamp, length: 0, last: a, minuteComplexity: new Float64Array(this.options.maxHorizonMinutes), minuteRequests: new Float64Array(this.options.maxHorizonMinutes) };
      this.active.set(key, s);
      this.countArrival(e.timestamp);
    } else {
      this.chain.addTransition(s.last, a);
      this.stats.addGap(e.timestamp - s.lastMs);
    }
    const m = Math.floor((e.timestamp - s.startMs) / MINUTE);
    if (m < s.minuteComplexity.length) {
      s.minuteComplexity[m] += cost;
      s.minuteRequests[m]++;
    }
    s.length++;
    s.last = a;
    s.lastMs = Math.max(s.lastMs, e.timestamp);
  }

  /**
   * Moves the clock: folds finished minutes into the arrival rate and closes idle sessions. Closing
   * looks at every active session, so while events stream in (`everyCall` false) it runs once per
   * minute of event time, not per event: an idle session may then stay open up to a minute longer.
   */
  advance(nowMs: number, everyCall = true): void {
    const minute = Math.floor(nowMs / MINUTE);
    // The arrival clock starts at the first event: a forecast before any event (an exporter's first refresh)
    // must not start it at "now", or history read later would all arrive in the current minute.
    if (this.minute < 0 && everyCall) return;
    if (this.minute < 0) this.minute = minute;
    const newMinute = this.minute < minute;
    while (this.minute < minute) {
      for (const r of this.rates) r.rate += r.alpha * (this.arrivalsThisMinute - r.rate);
      this.arrivalsThisMinute = 0;
      this.minute++;
      if (minute - this.minute > 24 * 60) this.minute = minute; // a long silence: skip ahead
    }
    if (!everyCall && !newMinute) return;
    const gap = this.options.sessionGapMinutes * MINUTE;
    for (const [key, s] of this.active) {
      if (nowMs - s.lastMs > gap) {
        this.finish(s);
        this.active.delete(key);
      }
    }
  }

  /**
   * One session arrival. An arrival in a minute the clock has already folded (history read after a
   * forecast moved the clock on) is added with the weight the folds since would have given it, so the
   * rates do not depend on the order in which events are read: the EWMA is linear in the arrivals.
   */
  private countArrival(timestampMs: number): void {
    const late = this.minute - 1 - Math.floor(timestampMs / MINUTE);
    if (late < 0) {
      this.arrivalsThisMinute++;
      return;
    }
    for (const r of this.rates) r.rate += r.alpha * Math.pow(1 - r.alpha, late);
  }

  private finish(s: Active): void {
    this.stats.addSession(s.length, s.minuteComplexity, s.minuteRequests);
  }

  /** The active sessions' users and last actions (what a next-action model is asked about). */
  activeUsers(): Array<{ userId: string; length: number; lastAction: string }> {
    return [...this.active.entries()].map(([userId, s]) => ({ userId, length: s.length, lastAction: this.chain.names[s.last] }));
  }

  /**
   * Forecasts for each horizon (minutes ≤ maxHorizonMinutes) from `nowMs`. `nextCost`, when given,
   * overrides the expected cost of a user's next action (e.g. from the LSTM's distribution and
   * complexity head); later actions still follow the action chain.
   */
  forecast(nowMs: number, horizons: readonly number[], nextCost?: (userId: string) => number | undefined): ComplexityLoadForecast[] {
    this.advance(nowMs);
    const o = this.options;
    for (const h of horizons) {
      if (!(h > 0 && h <= o.maxHorizonMinutes)) throw new Error(`horizon must be in (0, ${o.maxHorizonMinutes}] minutes, got ${h}`);
    }
    const gapMs = this.stats.meanGapMs(MINUTE);
    // Enough steps to cover the Poisson count of the longest horizon (mean + 6 sd).
    const longest = (Math.max(...horizons) * MINUTE) / gapMs;
    const steps = Math.min(o.maxRolloutSteps, Math.ceil(longest + 6 * Math.sqrt(longest) + 10));
    const rollout = this.rollout(steps, nowMs);
    // Σ_i S(k, i)·P(Poisson ≥ i)·e_i(a) depends on a session only through (k, a): computed once per
    // pair seen and horizon, and every active session is visited once for all horizons.
    const aheads = horizons.map((h) => new ExpectedAhead(this.stats, poissonTail((h * MINUTE) / gapMs, steps), rollout, steps));
    const activeComplexity = new Float64Array(horizons.length);
    const activeRequests = new Float64Array(horizons.length);
    for (const [userId, s] of this.active) {
      const first = nextCost?.(userId);
      const pNext = this.continueProbability(s.length);
      const stay = pNext * Math.exp(-Math.max(0, nowMs - s.lastMs) / gapMs);
      const stillGoing = stay / (1 - pNext + stay);
      for (let k = 0; k < aheads.length; k++) {
        const e = aheads[k].of(s.length, s.last);
        activeComplexity[k] += stillGoing * (first === undefined ? e.complexity : e.complexity + e.firstWeight * (first - rollout[0][s.last]));
        activeRequests[k] += stillGoing * e.requests;
      }
    }
    return horizons.map((h, k) => {
      const lambda = this.rates.reduce((best, r) => (Math.abs(r.halfLife - h) < Math.abs(best.halfLife - h) ? r : best)).rate;
      let newComplexity = 0;
      let newRequests = 0;
      for (let m = 1; m <= h; m++) {
        const f = this.stats.firstMinutes(m);
        newComplexity += lambda * f.complexity;
        newRequests += lambda * f.requests;
      }
      return {
        horizonMinutes: h,
        activeSessions: this.active.size,
        activeComplexity: activeComplexity[k],
        activeRequests: activeRequests[k],
        newSessions: lambda * h,
        newComplexity,
        newRequests,
        complexity: activeComplexity[k] + newComplexity,
        requests: activeRequests[k] + newRequests,
      };
    });
  }

  private rollout(steps: number, nowMs: number): Float64Array[] {
    const minute = Math.floor(nowMs / MINUTE);
    const c = this.rolloutCache;
    if (!c || c.table.length < steps || minute - c.minute >= this.options.rolloutRefreshMinutes || c.table[0].length !== this.chain.names.length) {
      this.rolloutCache = { minute, table: this.chain.rollout(steps) };
    }
    return this.rolloutCache!.table;
  }

  /** P(a session with k actions has a (k+1)-th), from the finished sessions (with a pseudo-count). */
  private continueProbability(k: number): number {
    const cap = this.stats.maxLength + 1;
    const from = Math.min(k, cap);
    const to = Math.min(k + 1, cap);
    if (from === to) return (this.stats.reach[cap] + 1) / (this.stats.reach[cap] + 2);
    return (this.stats.reach[to] + 1) / (this.stats.reach[from] + 2);
  }
}

/** P(Poisson(mean) ≥ i) for i = 1 … steps (index 0 unused). */
function poissonTail(mean: number, steps: number): Float64Array {
  const tail = new Float64Array(steps + 1);
  let pmf = Math.exp(-mean);
  let cdf = pmf;
  for (let i = 1; i <= steps; i++) {
    tail[i] = Math.max(0, 1 - cdf);
    pmf *= mean / i;
    cdf += pmf;
  }
  return tail;
}
