import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { checkTarget, type ApplyOptions, type Bounded, type Driver, type DriverContext, type DriverDefinition, type Plan, type PlanStep, type PoolStatus } from '../driver';
import { HAPROXY_NAME, isDraining, isMaint, isServing, parseCurrentSessions, parseServersState, runtimeCommand, type ServerState } from './runtime-api';

const DRAIN_POLL_MS = 50;

export const haproxyOptions = z.object({
  /** The admin-level runtime API socket (`stats socket PATH level admin`). */
  socket: z.string().min(1),
  backend: z.string().regex(HAPROXY_NAME, 'must be an HAProxy backend name (letters, digits, _ . : -)'),
  /** The backend's servers that belong to the pool, in activation order; scale-back releases the last first. */
  servers: z.array(z.string().regex(HAPROXY_NAME, 'must be an HAProxy server name (letters, digits, _ . : -)')).min(1, 'must list at least one server'),
  /** How long a server may drain its sessions before it is put back into maintenance anyway. */
  drainTimeoutSeconds: z.number().min(0).default(30),
});
export type HaproxyOptions = z.infer<typeof haproxyOptions>;

/**
 * A pool of servers declared in one HAProxy backend. Shadow servers sit in maintenance (`disabled` in
 * the config, or `state maint`); activating one is `set server B/S state ready`; scaling back drains
 * it (`state drain`), waits for its sessions to end, then puts it back into maintenance.
 */
export class HaproxyDriver implements Driver, Bounded {
  readonly kind = 'haproxy';

  constructor(
    private readonly options: HaproxyOptions,
    private readonly context: DriverContext,
  ) {}

  capacity(): number {
    return this.options.servers.length;
  }

  private async servers(signal?: AbortSignal): Promise<ServerState[]> {
    const all = parseServersState(await runtimeCommand(this.options.socket, `show servers state ${this.options.backend}`, { signal }), this.options.backend);
    return this.options.servers.map((name) => {
      const s = all.find((x) => x.name === name);
      if (!s) throw new Error(`pool ${this.context.pool}: HAProxy backend ${this.options.backend} has no server ${name}; declare it in haproxy.cfg (kept \`disabled\` as a shadow)`);
      return s;
    });
  }

  async status(signal?: AbortSignal): Promise<PoolStatus> {
    const servers = await this.servers(signal);
    return { active: servers.filter(isServing).length, standby: servers.filter(isMaint).length };
  }

  /** Activate maintenance servers in list order; release serving servers from the end of the list. */
  plan(current: PoolStatus, target: number): Plan {
    checkTarget(this.context.pool, target, this.capacity());
    const steps: PlanStep[] = [];
    const delta = target - current.active;
    const unit = (s: string) => `${this.options.backend}/${s}`;
    if (delta > 0) for (let i = 0; i < delta; i++) steps.push({ op: 'ready', unit: `next standby in ${unit('*')}` });
    if (delta < 0) for (let i = 0; i < -delta; i++) steps.push({ op: 'drain+maint', unit: `last serving in ${unit('*')}` });
    return { from: current.active, to: target, steps };
  }

  async apply(plan: Plan, options: ApplyOptions = {}): Promise<PoolStatus> {
    const { signal } = options;
    checkTarget(this.context.pool, plan.to, this.capacity());
    const servers = await this.servers(signal);
    const serving = servers.filter(isServing);
    if (serving.length < plan.to) {
      // Draining servers come back first (they are still warm), then maintenance ones.
      const candidates = [...servers.filter(isDraining), ...servers.filter(isMaint)];
      const needed = plan.to - serving.length;
      if (candidates.length < needed) throw new Error(`pool ${this.context.pool}: only ${candidates.length} standby servers left, ${needed} needed`);
      for (const s of candidates.slice(0, needed)) await this.setState(s.name, 'ready', signal);
    } else if (serving.length > plan.to) {
      const release = serving.slice(plan.to).reverse();
      for (const s of release) await this.setState(s.name, 'drain', signal);
      await this.waitDrained(release.map((s) => s.name), signal);
      for (const s of release) await this.setState(s.name, 'maint', signal);
    }
    return this.status(signal);
  }

  private async setState(server: string, state: 'ready' | 'drain' | 'maint', signal?: AbortSignal): Promise<void> {
    const answer = (await runtimeCommand(this.options.socket, `set server ${this.options.backend}/${server} state ${state}`, { signal })).trim();
    if (answer !== '') throw new Error(`pool ${this.context.pool}: HAProxy refused "set server ${this.options.backend}/${server} state ${state}": ${answer}`);
    this.context.logger.info({ pool: this.context.pool, server: `${this.options.backend}/${server}`, state }, 'haproxy server state set');
  }

  private async waitDrained(servers: string[], signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + this.options.drainTimeoutSeconds * 1000;
    for (;;) {
      const sessions = parseCurrentSessions(await runtimeCommand(this.options.socket, 'show stat', { signal }), this.options.backend);
      const busy = servers.filter((s) => (sessions.get(s) ?? 0) > 0);
      if (busy.length === 0) return;
      if (Date.now() >= deadline) {
        this.context.logger.warn({ pool: this.context.pool, servers: busy }, 'drain timeout; putting servers into maintenance with sessions open');
        return;
      }
      await sleep(DRAIN_POLL_MS, undefined, { signal });
    }
  }
}

export const haproxyDriver: DriverDefinition<HaproxyOptions> = {
  kind: 'haproxy',
  description: 'turns shadow servers of an HAProxy backend from maintenance to ready (and drains them back) over the runtime API socket',
  options: haproxyOptions,
  create: (options, context) => new HaproxyDriver(options, context),
};
