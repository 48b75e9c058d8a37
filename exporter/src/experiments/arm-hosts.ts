import { isDraining, isMaint, parseServersState } from '@shadowfleet/haproxy-runtime';
import { hostsToHold, type FleetSnapshot } from '@shadowfleet/models';
import { haproxyCommand } from '../feedback/haproxy-stats';
import { HostAgent, MinuteRecorder } from '../hosts';
import type { MeasuredMinute } from './live-arm';

export interface ArmHostsOptions {
  readonly socket: string;
  readonly backend: string;
  /** How long a host the webhook turns ready takes to serve: cold (no warm standby free) and warm. 0: at once. */
  readonly coldStartMs: number;
  readonly activationMs: number;
  readonly standbyCost: number;
  /** Warm standby hosts the pool starts with (the offline history's). */
  readonly initialStandby: number;
  readonly log: (line: string) => void;
}

/**
 * An arm's hosts, as the live runner sees them: the replay's host agent (hosts/host-agent.ts) on the
 * arm's HAProxy backend — a server the webhook turns ready takes traffic only after its activation time,
 * or its cold-start time when no warm standby host is free, and keeps the standby the arm's strategy
 * asks for — and the time-weighted record of the pool per live minute (hosts/pool-minutes.ts), from
 * which the arm's cost is taken. The servers the webhook has ready when it starts are serving.
 */
export class ArmHosts {
  /** The standby the arm's strategy asks for now. */
  standbyTarget: number;
  /** The hosts the arm's set-point asks for now (the agent keeps standby for the activations it will bring). */
  servingTarget: number;
  private recorder: MinuteRecorder | undefined;
  private polling: Promise<void> = Promise.resolve();

  readonly agent: HostAgent;
  private readonly standbyCost: number;

  private constructor(o: ArmHostsOptions, names: readonly string[], ready: number, command: (line: string) => Promise<string>) {
    this.standbyTarget = o.initialStandby;
    this.servingTarget = ready;
    this.standbyCost = o.standbyCost;
    const agentOptions = { backend: o.backend, servers: names.length, serverNames: names, coldStartMs: o.coldStartMs, activationMs: o.activationMs, standbyCost: o.standbyCost };
    // The arm's hosts keep standby as every provider is told to (docs/pools.md#standby-providers-what-to-follow): the hosts its decision holds.
    const poolTarget = (): number => hostsToHold({ serving: this.servingTarget, standby: this.standbyTarget });
    this.agent = new HostAgent({ ...agentOptions, command, poolTarget, log: o.log }, ready, o.initialStandby);
  }

  /** Reads the backend's servers (ready ones first: they serve from the start) and starts the agent on them. */
  static async start(o: ArmHostsOptions): Promise<ArmHosts> {
    const command = (line: string): Promise<string> => haproxyCommand(o.socket, line);
    const states = parseServersState(await command(`show servers state ${o.backend}`), o.backend);
    if (states.length === 0) throw new Error(`HAProxy backend ${o.backend} has no servers for the arm's hosts`);
    const ready = states.filter((s) => !isMaint(s) && !isDraining(s));
    const names = [...ready, ...states.filter((s) => !ready.includes(s))].map((s) => s.name);
    const self = new ArmHosts(o, names, ready.length, command);
    // Servers ready from the start get their full weight (HAProxy may have them at 0 from an earlier run).
    for (const s of ready) await command(`set server ${o.backend}/${s.name} weight 100`);
    await self.poll();
    return self;
  }

  /** Records live minutes of `minuteMs` from t0 on (minute i = [t0 + i·minuteMs, t0 + (i+1)·minuteMs)). */
  startMinutes(t0: number, minuteMs: number, minutes: number): void {
    this.recorder = new MinuteRecorder(t0, minuteMs, minutes);
    if (this.agent.last) this.recorder.pool({ ...this.agent.last, at: t0 });
  }

  /** One look at the pool (polls are serialised, so each waits for the one before). */
  poll(): Promise<void> {
    this.polling = this.polling
      .then(() => this.agent.poll())
      .then((s) => {
        if (s) this.recorder?.pool(s);
      });
    return this.polling;
  }

  /** The pool over live minute i: time-weighted hosts in rotation and standby, and its cost in host-minutes. */
  measured(i: number): MeasuredMinute {
    const m = this.recorder?.minutes[i];
    if (m && m.seconds > 0) return { serving: m.serving / m.seconds, standby: m.standby / m.seconds, cost: (m.fullPrice + this.standbyCost * m.standby) / m.seconds };
    const s = this.agent.last;
    if (!s) return { serving: 0, standby: 0, cost: 0 };
    return { serving: s.serving, standby: s.standby, cost: s.serving + s.starting + s.standbyBooting + this.standbyCost * s.standby };
  }

  /** The pool as the simulator's fleet at the arm's step (see HostAgent.fleetAt). */
  fleetAt(step: number, minuteMs: number): FleetSnapshot {
    return this.agent.fleetAt(step, minuteMs);
  }
}
