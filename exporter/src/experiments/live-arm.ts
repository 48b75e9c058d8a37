import { Fleet, hostsFor, TraceHistory, type FleetActions, type SimConfig, type Strategy } from '@shadowfleet/models';

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

/** One minute of an arm, as the arm's ledger saw it. */
export interface ArmMinute {
  readonly minute: number;
  /** Requests HAProxy counted for the pool in this minute (per minute of log time). */
  readonly requests: number;
  readonly serving: number;
  readonly standby: number;
  /** Host-minutes: serving, booting and activating hosts at full price, standby at the standby cost. */
  readonly cost: number;
  readonly strategy: string;
}

/**
 * An allocation strategy driving one live pool, minute by minute, through the simulator's own fleet
 * bookkeeping (cold start, standby, activation): `begin()` decides for the coming minute from the
 * requests measured so far and returns the hosts that serve in it; `end(requests)` records what the
 * pool received. `warm()` first plays past minutes offline (the strategy's history).
 */
export class LiveArm {
  private readonly values: Float64Array;
  private readonly history: TraceHistory;
  private readonly advanceTo: (t: number) => void;
  private fleet: Fleet | undefined;
  private t = 0;
  private current: Omit<ArmMinute, 'requests'> | undefined;
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

  /**
   * Hands the pool to another strategy from the next minute that begins (an arm stopped for harming
   * the SLO; it may be called during a minute). The newcomer first replays the pool's last
   * `warmMinutes` measured minutes on a scratch fleet, so that it takes over with its state
   * (forecaster, capacity model) already fed, as if it had been running; its first live decision is
   * then made on the real fleet.
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

  /** Plays these per-minute requests offline: the strategy decides, nothing is applied live. */
  warm(requests: readonly number[]): void {
    // As the simulator: the fleet starts with the hosts the first minute needs.
    if (!this.fleet && requests.length > 0) this.fleet = new Fleet(hostsFor(requests[0], this.config.capacity), this.config);
    for (const r of requests) {
      this.begin();
      this.end(r, false);
    }
  }

  /** The decision for minute t (from r_0 … r_{t-1}); returns the hosts serving in it. */
  begin(): number {
    if (this.current) throw new Error(`arm ${this.name}: minute ${this.t} has begun and not ended`);
    const t = this.t;
    if (t >= this.values.length) throw new RangeError(`arm ${this.name}: more than ${this.values.length} minutes`);
    if (this.pending) {
      this.takeOver(this.pending.next, this.pending.warmMinutes);
      this.pending = undefined;
    }
    if (!this.fleet) this.fleet = new Fleet(1, this.config);
    this.fleet.advance(t);
    if (t > 0) {
      this.advanceTo(t);
      this.fleet.apply(t, this.strategy.decide({ t, history: this.history, fleet: this.fleet.snapshot(), config: this.config }));
    }
    const f = this.fleet;
    this.current = { minute: t, serving: f.serving, standby: f.standby, cost: f.fullPriceHosts + this.config.shadowCost * f.standby, strategy: this.strategy.name };
    return f.serving;
  }

  /** Records the requests of the minute that began; `live` minutes are kept in `minutes`. */
  end(requests: number, live = true): void {
    if (!this.current) throw new Error(`arm ${this.name}: end() without begin()`);
    if (!(requests >= 0)) throw new RangeError(`arm ${this.name}: requests must be ≥ 0, got ${requests}`);
    this.values[this.t] = requests;
    if (live) this.minutes.push({ ...this.current, requests });
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
