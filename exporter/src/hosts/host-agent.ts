import { isDraining, isMaint, parseServersState } from '@shadowfleet/haproxy-runtime';
import { standbyToKeep, type FleetSnapshot } from '@shadowfleet/models';

/** Server name of host i (0-based) in a backend and the pool model, when the pool does not name them. */
export const serverName = (i: number): string => `h${i + 1}`;

/**
 * The replay's hosts behave like hosts. The webhook's HAProxy driver turns a server `ready` the moment
 * it scales up (and drains it back to maintenance when it scales down), as it would in production; a
 * real host then still has to boot. The host agent plays the infrastructure under the load balancer:
 * it watches the backend and keeps a server that was just turned ready out of rotation (weight 0) until
 * its lead time has passed — the activation time when a warm standby host was available, else the cold
 * start — and takes it out of rotation at once when it is released. It is also the standby provider, and
 * follows what the project tells every provider to follow (docs/pools.md#standby-providers-what-to-follow): it keeps its
 * standby (warm or booting, booted for a cold start at full cost as the simulator does) at the hosts the
 * pool should hold (`shadowfleet:desired_pool_hosts`, serving plus standby of one decision) less the hosts
 * it has in the pool now. In production no Shadowfleet component boots standby hosts (a provider or an
 * operator does, ShadowfleetStandbyShort warns), so this is the one part of the fleet the replay plays
 * rather than runs. Used by `shadowfleet replay`, `shadowfleet stack --demo` and the live A/B
 * (`shadowfleet experiment live`), which decides on the pool as `fleetAt` reports it.
 */
export interface HostAgentOptions {
  readonly backend: string;
  readonly servers: number;
  /** The servers' names in the backend, in the pool model's order (default h1 … h{servers}). */
  readonly serverNames?: readonly string[];
  readonly coldStartMs: number;
  readonly activationMs: number;
  readonly standbyCost: number;
  command(line: string): Promise<string>;
  /** The hosts the pool should hold now, active plus standby (`hostsToHold` of one decision: shadowfleet:desired_pool_hosts). */
  poolTarget(): number;
  log(line: string): void;
  now?: () => number;
}

/** The pool at one instant: hosts in rotation, hosts booting or activating (full price), standby. */
export interface PoolSample {
  readonly at: number;
  readonly serving: number;
  readonly starting: number;
  readonly standbyBooting: number;
  readonly standby: number;
}

type HostState = { kind: 'off' } | { kind: 'starting'; readyAt: number; warm: boolean } | { kind: 'serving' };

/** The weight column of `show servers state` (srv_uweight) by server name. */
export function parseWeights(text: string, backend: string): Map<string, number> {
  const lines = text.split('\n').map((l) => l.trim());
  const cols = (lines.find((l) => l.startsWith('# be_id')) ?? '').slice(2).split(' ');
  const [be, name, weight] = ['be_name', 'srv_name', 'srv_uweight'].map((c) => cols.indexOf(c));
  const out = new Map<string, number>();
  for (const l of lines) {
    if (l === '' || l.startsWith('#') || /^\d+$/.test(l)) continue;
    const f = l.split(/\s+/);
    if (f[be] === backend) out.set(f[name], Number(f[weight]));
  }
  return out;
}

export class HostAgent {
  private readonly hosts: HostState[];
  /** Warm standby hosts, and the times standby hosts still booting reach standby. */
  private standby = 0;
  private standbyBooting: number[] = [];
  private readonly now: () => number;
  private readonly names: readonly string[];
  private busy = false;
  /** The pool as the last poll left it. */
  last: PoolSample | undefined;
  /** When the webhook changed the number of servers in the pool (ready, not draining or in maintenance), and to what. */
  readonly changes: Array<{ readonly at: number; readonly active: number }> = [];
  /** Servers the webhook turned ready that found a warm standby host (activation) or none (cold start). */
  readonly starts = { warm: 0, cold: 0 };
  /** Of the cold starts, those that took a standby host already booting (it serves after its boot and an activation, or a cold start from now if sooner). */
  coldFromBooting = 0;

  constructor(
    private readonly o: HostAgentOptions,
    initialServing: number,
    initialStandby: number,
  ) {
    this.now = o.now ?? Date.now;
    this.names = o.serverNames ?? Array.from({ length: o.servers }, (_, i) => serverName(i));
    if (this.names.length !== o.servers) throw new RangeError(`host agent: ${this.names.length} server names for ${o.servers} servers`);
    this.hosts = Array.from({ length: o.servers }, (_, i): HostState => (i < initialServing ? { kind: 'serving' } : { kind: 'off' }));
    this.standby = initialStandby;
  }

  /** One look at the backend and the standby pool; returns the pool as it is after acting. */
  async poll(): Promise<PoolSample | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    try {
      const text = await this.o.command(`show servers state ${this.o.backend}`);
      const states = parseServersState(text, this.o.backend);
      const now = this.now();
      // Standby hosts whose boot has ended are warm.
      this.standby += this.standbyBooting.filter((t) => t <= now).length;
      this.standbyBooting = this.standbyBooting.filter((t) => t > now);
      const active = states.filter((x) => !isMaint(x) && !isDraining(x)).length;
      if (this.changes.length === 0 || this.changes[this.changes.length - 1].active !== active) this.changes.push({ at: now, active });
      for (let i = 0; i < this.hosts.length; i++) {
        const s = states.find((x) => x.name === this.names[i]);
        if (!s) continue;
        const inPool = !isMaint(s) && !isDraining(s);
        const h = this.hosts[i];
        if (inPool && h.kind === 'off') {
          const { readyAt, warm } = this.startHost(now);
          // No lead time: the host serves the moment it is turned ready.
          if (readyAt <= now) {
            this.hosts[i] = { kind: 'serving' };
            await this.setWeight(i, 100);
          } else {
            this.hosts[i] = { kind: 'starting', readyAt, warm };
            await this.setWeight(i, 0);
          }
        } else if (inPool && h.kind === 'starting' && now >= h.readyAt) {
          this.hosts[i] = { kind: 'serving' };
          await this.setWeight(i, 100);
        } else if (!inPool && h.kind !== 'off') {
          // Released: out of rotation at once, back to standby (a serving host can be returned to standby at once).
          this.hosts[i] = { kind: 'off' };
          this.standby++;
          await this.setWeight(i, 0);
        }
      }
      this.keepStandby(now);
      this.last = this.sample(now);
      return this.last;
    } finally {
      this.busy = false;
    }
  }

  /**
   * A server the webhook turned ready: a warm standby host activates; else the standby host whose boot ends
   * first takes it, as an ASG warm pool moves a pending instance into service (it serves once its boot and
   * an activation are over, never later than a host launched now, and no second host is booted for the
   * slot); else a host is launched cold.
   */
  private startHost(now: number): { readyAt: number; warm: boolean } {
    if (this.standby > 0) {
      this.standby--;
      this.starts.warm++;
      return { readyAt: now + this.o.activationMs, warm: true };
    }
    this.starts.cold++;
    if (this.standbyBooting.length === 0) return { readyAt: now + this.o.coldStartMs, warm: false };
    this.standbyBooting.sort((a, b) => a - b);
    this.coldFromBooting++;
    return { readyAt: Math.min(this.standbyBooting.shift()! + this.o.activationMs, now + this.o.coldStartMs), warm: false };
  }

  /**
   * Boots or removes standby hosts (booting ones are cancelled first) towards `standbyToKeep`: the hosts the
   * pool should hold less those in it now, by the agent's own count. Moving a host between active and
   * standby does not change what the pool should hold, so the serving change, which reaches the pool
   * through Prometheus, Alertmanager and the webhook most of a step after the decision, cannot race it:
   * until an activation lands the warm host it will take is kept, until a release lands the host it will
   * return is counted. (Following the standby target alone, a decision that activated standby hosts
   * without refilling them removed the warm hosts first, and the activations cold-started: docs/replay.md.)
   */
  private keepStandby(now: number): void {
    const inPool = this.hosts.filter((h) => h.kind !== 'off').length;
    const target = standbyToKeep(this.o.poolTarget(), inPool);
    const free = this.hosts.filter((h) => h.kind === 'off').length;
    let have = this.standby + this.standbyBooting.length;
    while (have < Math.min(target, free)) {
      this.standbyBooting.push(now + this.o.coldStartMs);
      have++;
    }
    while (have > target && this.standbyBooting.length > 0) {
      this.standbyBooting.pop();
      have--;
    }
    if (have > target) this.standby -= have - target;
  }

  /**
   * The pool as the simulator's fleet at step `t` (the strategies' input), from the last poll: hosts in
   * rotation serve; a host turned ready is activating (warm) or booting (cold) until its ready time; standby
   * hosts, and standby hosts still booting. Ready times are steps of `stepMs` from now, rounded up; a host due
   * now counts as serving.
   */
  fleetAt(t: number, stepMs: number): FleetSnapshot {
    const now = this.now();
    const stepOf = (at: number): number => t + Math.ceil(Math.max(0, at - now) / stepMs);
    const starting = (warm: boolean): number[] =>
      this.hosts
        .flatMap((h) => (h.kind === 'starting' && h.warm === warm ? [stepOf(h.readyAt)] : []))
        .sort((a, b) => a - b);
    const [cold, warm] = [starting(false), starting(true)];
    const shadow = this.standbyBooting.map(stepOf).sort((a, b) => a - b);
    const due = (xs: number[]): number => xs.filter((s) => s <= t).length;
    return {
      serving: this.hosts.filter((h) => h.kind === 'serving').length + due(cold) + due(warm),
      standby: this.standby + due(shadow),
      bootingReadyAt: cold.filter((s) => s > t),
      activatingReadyAt: warm.filter((s) => s > t),
      shadowBootingReadyAt: shadow.filter((s) => s > t),
    };
  }

  private sample(at: number): PoolSample {
    return {
      at,
      serving: this.hosts.filter((h) => h.kind === 'serving').length,
      starting: this.hosts.filter((h) => h.kind === 'starting').length,
      standbyBooting: this.standbyBooting.length,
      standby: this.standby,
    };
  }

  private async setWeight(i: number, weight: number): Promise<void> {
    const name = this.names[i];
    const answer = (await this.o.command(`set server ${this.o.backend}/${name} weight ${weight}`)).trim();
    if (answer !== '') this.o.log(`host agent: HAProxy answered "${answer}" to weight ${weight} on ${name}`);
    else this.o.log(`host agent: ${name} ${weight > 0 ? 'in rotation' : 'out of rotation'}`);
  }
}
