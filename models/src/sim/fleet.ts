import type { FleetActions, FleetSnapshot, SimConfig } from './types';

function count(name: string, value: number | undefined, max: number): number {
  const n = value ?? 0;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  if (n > max) throw new RangeError(`${name} asks for ${n} hosts but only ${max} are available`);
  return n;
}

/** The simulated fleet: host counts by state, with ready times for hosts in transition. */
export class Fleet implements FleetSnapshot {
  serving: number;
  standby = 0;
  readonly bootingReadyAt: number[] = [];
  readonly shadowBootingReadyAt: number[] = [];
  readonly activatingReadyAt: number[] = [];

  constructor(
    initialServing: number,
    private readonly config: SimConfig,
  ) {
    this.serving = initialServing;
  }

  /** Start of minute t: hosts whose boot or activation ends at t become serving (or standby). */
  advance(t: number): void {
    while (this.bootingReadyAt.length > 0 && this.bootingReadyAt[0] <= t) {
      this.bootingReadyAt.shift();
      this.serving++;
    }
    while (this.activatingReadyAt.length > 0 && this.activatingReadyAt[0] <= t) {
      this.activatingReadyAt.shift();
      this.serving++;
    }
    while (this.shadowBootingReadyAt.length > 0 && this.shadowBootingReadyAt[0] <= t) {
      this.shadowBootingReadyAt.shift();
      this.standby++;
    }
  }

  /** Applies a strategy's actions at minute t in the order documented on FleetActions. */
  apply(t: number, a: FleetActions): void {
    this.bootingReadyAt.length -= count('cancelBooting', a.cancelBooting, this.bootingReadyAt.length);
    this.serving -= count('removeServing', a.removeServing, this.serving);
    const toStandby = count('toStandby', a.toStandby, this.serving);
    this.serving -= toStandby;
    this.standby += toStandby;
    this.standby -= count('removeStandby', a.removeStandby, this.standby);
    this.shadowBootingReadyAt.length -= count('cancelShadowBooting', a.cancelShadowBooting, this.shadowBootingReadyAt.length);
    const activate = count('activate', a.activate, this.standby);
    this.standby -= activate;
    this.start(this.activatingReadyAt, activate, t + this.config.shadowActivation);
    this.start(this.bootingReadyAt, count('launch', a.launch, Number.MAX_SAFE_INTEGER), t + this.config.coldStart);
    this.start(this.shadowBootingReadyAt, count('launchShadow', a.launchShadow, Number.MAX_SAFE_INTEGER), t + this.config.coldStart);
    // A zero transition time means ready within the same minute.
    this.advance(t);
  }

  private start(queue: number[], n: number, readyAt: number): void {
    for (let i = 0; i < n; i++) queue.push(readyAt);
  }

  /** Hosts billed at full price this minute: serving, booting (cold and shadow) and activating. */
  get fullPriceHosts(): number {
    return this.serving + this.bootingReadyAt.length + this.shadowBootingReadyAt.length + this.activatingReadyAt.length;
  }

  snapshot(): FleetSnapshot {
    return {
      serving: this.serving,
      standby: this.standby,
      bootingReadyAt: [...this.bootingReadyAt],
      shadowBootingReadyAt: [...this.shadowBootingReadyAt],
      activatingReadyAt: [...this.activatingReadyAt],
    };
  }
}
