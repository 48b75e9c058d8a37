import { Fleet, hostsFor, TraceHistory, type FleetActions, type FleetSnapshot, type SimConfig, type Strategy } from '@shadowfleet/models';

/** A fixed pool: keeps exactly `hosts` hosts (cold launches when short, removals when over). */
export function fixedStrategy(hosts: number): Strategy {
  if (!(Number.isInteger(hosts) && hosts >= 1)) throw new RangeError(`fixed hosts must be a whole number ≥ 1, got ${hosts}`);
  return {
    name: `fixed-${hosts}`,
    decide({ fleet }): FleetActions {
      const total = fleet.serving + fleet.bootingReadyAt.length;
      if (total < hosts) return { launch: hosts - total };
      const cancelBooting = Math.min(fleet.bootingReadyAt.length, total - hosts);
      return { cancelBooting, removeServing: total - hosts - cancelBooting };
    },
  };
}

/** What an arm asks of its pool for the coming minute: hosts in the pool (serving, booting or activating: the set-point) and warm standby. */
export interface PoolTarget {
  readonly hosts: number;
  readonly standby: number;
}

/** A live decision: the pool it asks for, and the strategy's actions that led to it. */
export interface LiveDecision extends PoolTarget {
  readonly actions: FleetActions;
}

/** The pool over one live minute as its hosts showed it (time-weighted means over the minute). */
export interface MeasuredMinute {
  readonly serving: number;
  readonly standby: number;
  /** Host-minutes: serving, booting and activating hosts (and standby hosts booting) at full price, standby at the standby cost. */
  readonly cost: number;
}

/** One live minute of an arm: the set-point it sent and what the pool did. */
export interface ArmMinute extends MeasuredMinute {
  readonly minute: number;
  /** Requests HAProxy counted for the pool in this minute (per minute of log time). */
  readonly requests: number;
  /** The hosts the arm asked the pool for (its set-point). */
  readonly target: number;
  readonly strategy: string;
}

/** A scratch simulator fleet in the state of a snapshot. */
function fleetOf(s: FleetSnapshot, config: SimConfig): Fleet {
  const f = new Fleet(s.serving, config);
  f.standby = s.standby;
  f.bootingReadyAt.push(...s.bootingReadyAt);
  f.shadowBootingReadyAt.push(...s.shadowBootingReadyAt);
  f.activatingReadyAt.push(...s.activatingReadyAt);
  return f;
}

/** The pool a fleet asks for: hosts at full price that serve now or will (serving, booting, activating), and standby (with standby booting). */
const targetOf = (f: Fleet): PoolTarget => ({ hosts: f.serving + f.bootingReadyAt.length + f.activatingReadyAt.length, standby: f.standby + f.shadowBootingReadyAt.length });

/**
 * An allocation strategy driving one live pool, minute by minute. `begin(fleet)` decides for the coming
 * minute on the pool as its hosts report it (hosts in rotation, hosts still booting or activating and
 * when they will be ready, standby) and returns what the pool should hold: the strategy's actions applied
 * to that state. The hosts take their real time to boot or activate; nothing about them is modelled
 * here. `end(requests, measured)` records what the pool received and what it really had. `warm()` first
 * plays past minutes offline (the strategy's history) on the simulator's fleet books.
 */
export class LiveArm {
  private readonly values: Float64Array;
  private readonly history: TraceHistory;
  private readonly advanceTo: (t: number) => void;
  /** The books of the offline history (warm), where the live pool starts from. */
  private books: Fleet | undefined;
  private t = 0;
  private current: { minute: number; target: number; strategy: string } | undefined;
  private pending: { next: Strategy; warmMinutes: number } | undefined;
  readonly minutes: ArmMinute[] = [];

  constructor(
    readonly name: string,
    private strategy: Strategy,
    readonly config: SimConfig,
    maxMinutes: number,
  ) {
    this.values = new Float64Array(maxMinutes);
    ({ history: this.history, advanceTo: this.advanceTo } = TraceHistory.open(this.values));
  }

  /** The strategy object in charge (a tuner exposes what it chose). */
  get strategyInCharge(): Strategy {
    return this.strategy;
  }

  /** The strategy in charge (or taking over at the next minute). */
  get strategyName(): string {
    return this.pending?.next.name ?? this.strategy.name;
  }

  /** The step the next begin() decides (history minutes included). */
  get step(): number {
    return this.t;
  }

  /** The pool the offline history ended with (what the live pool is set up as before its first minute). */
  get warmTarget(): PoolTarget {
    return targetOf(this.books ?? new Fleet(1, this.config));
  }

  /**
   * Hands the pool to another strategy from the next minute that begins (an arm stopped for harming
   * the SLO; it may be called during a minute). The newcomer first replays the pool's last
   * `warmMinutes` measured minutes on a scratch fleet, so that it takes over with its state
   * (forecaster, capacity model) already fed, as if it had been running; its first live decision is
   * then made on the real pool.
   */
  replaceStrategy(next: Strategy, warmMinutes = 0): void {
    this.pending = { next, warmMinutes };
  }

  private takeOver(next: Strategy, warmMinutes: number): void {
    const from = Math.max(0, this.t - warmMinutes);
    if (this.t - from >= 2) {
      const { history, advanceTo } = TraceHistory.open(this.values);
      const scratch = new Fleet(hostsFor(this.values[from], this.config.capacity), this.config);
      for (let m = from; m < this.t; m++) {
        scratch.advance(m);
        if (m > from) {
          advanceTo(m);
          scratch.apply(m, next.decide({ t: m, history, fleet: scratch.snapshot(), config: this.config }));
        }
      }
    }
    this.strategy = next;
  }

  /** Plays these per-minute requests offline on the simulator's books: the strategy decides, nothing is applied live. */
  warm(requests: readonly number[]): void {
    if (this.minutes.length > 0 || this.current) throw new Error(`arm ${this.name}: warm() after the live minutes began`);
    // As the simulator: the fleet starts with the hosts the first minute needs.
    if (!this.books && requests.length > 0) this.books = new Fleet(hostsFor(requests[0], this.config.capacity), this.config);
    for (const r of requests) {
      const books = this.books!;
      books.advance(this.t);
      this.decide(books);
      this.values[this.t++] = r;
    }
  }

  /** The strategy's actions at the current step, applied to `fleet` (none at step 0). */
  private decide(fleet: Fleet): FleetActions {
    const t = this.t;
    if (t >= this.values.length) throw new RangeError(`arm ${this.name}: more than ${this.values.length} minutes`);
    if (t === 0) return {};
    this.advanceTo(t);
    const actions = this.strategy.decide({ t, history: this.history, fleet: fleet.snapshot(), config: this.config });
    fleet.apply(t, actions);
    return actions;
  }

  /** The decision for the coming live minute (from r_0 … r_{t-1}) on the pool as its hosts report it at this step. */
  begin(pool: FleetSnapshot): LiveDecision {
    if (this.current) throw new Error(`arm ${this.name}: minute ${this.t} has begun and not ended`);
    if (this.pending) {
      this.takeOver(this.pending.next, this.pending.warmMinutes);
      this.pending = undefined;
    }
    const fleet = fleetOf(pool, this.config);
    fleet.advance(this.t);
    const actions = this.decide(fleet);
    const target = targetOf(fleet);
    this.current = { minute: this.t, target: target.hosts, strategy: this.strategy.name };
    return { ...target, actions };
  }

  /** Records the requests of the minute that began and what the pool really had in it. */
  end(requests: number, measured: MeasuredMinute): void {
    if (!this.current) throw new Error(`arm ${this.name}: end() without begin()`);
    if (!(requests >= 0)) throw new RangeError(`arm ${this.name}: requests must be ≥ 0, got ${requests}`);
    this.values[this.t] = requests;
    this.minutes.push({ ...this.current, ...measured, requests });
    this.current = undefined;
    this.t++;
  }
}

/** Requests per minute of time-ordered events (epoch ms), each minute divided by `share` (the pool's part). */
export function perMinute(timestamps: readonly number[], share: number): number[] {
  if (timestamps.length === 0) return [];
  const start = timestamps[0];
  const out: number[] = [];
  for (const ts of timestamps) {
    const m = Math.floor((ts - start) / 60_000);
    while (out.length <= m) out.push(0);
    out[m] += 1;
  }
  return out.map((r) => r * share);
}
