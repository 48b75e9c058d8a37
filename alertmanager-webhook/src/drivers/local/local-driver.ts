import path from 'node:path';
import { z } from 'zod';
import { standbyToKeep } from '@shadowfleet/models/pools';
import { checkTarget, type ApplyOptions, type Bounded, type Closable, type Driver, type DriverContext, type DriverDefinition, type FollowsPoolTotal, type Plan, type PlanStep, type PoolStatus, type Startable } from '../driver';
import { WorkerProcess } from './worker-process';

export const localOptions = z.object({
  /** The worker program (absolute path), started directly without a shell. */
  program: z.string().refine((p) => path.isAbsolute(p), 'must be an absolute path (no shell, no PATH lookup)'),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  /**
   * Warm standby workers kept running but not serving (the local shadow fleet) until a set-point brings the
   * manager's total (`pool_hosts`); from then on standby = that total − the serving workers.
   */
  standby: z.number().int().min(0).default(1),
  /** Workers serving when the service starts. */
  initialActive: z.number().int().min(0).default(0),
  /** Upper bound on worker processes (serving + standby). */
  maxWorkers: z.number().int().min(1).default(16),
  warmTimeoutSeconds: z.number().gt(0).default(30),
  stopTimeoutSeconds: z.number().gt(0).default(10),
});
export type LocalOptions = z.infer<typeof localOptions>;

/**
 * Real worker processes on this machine: standby workers are started and warmed ahead of time and
 * stay idle until activated (`serve`); scaling back returns serving workers to standby and stops the
 * surplus. The standby is replenished in the background after each activation: to the configured
 * count, or, once a set-point carried the manager's total, to that total less the serving workers
 * (the standby provider's contract, docs/pools.md#standby-providers-what-to-follow).
 */
export class LocalDriver implements Driver, Bounded, Startable, Closable, FollowsPoolTotal {
  readonly kind = 'local';
  private workers: WorkerProcess[] = [];
  /** The manager's total (serving + standby) of the last set-point that carried one. */
  private total: number | undefined;
  private nextId = 1;
  private replenishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: LocalOptions,
    private readonly context: DriverContext,
  ) {}

  capacity(): number {
    return this.options.maxWorkers;
  }

  /** Serving workers' loopback ports, e.g. for a load balancer or a test. */
  endpoints(): number[] {
    return this.alive('serving').map((w) => w.port!);
  }

  /** The ids of the live workers (in one state), in start order: which worker is which, for tests and logs. */
  workerIds(state?: 'serving' | 'standby'): number[] {
    return this.alive(state).map((w) => w.id);
  }

  private alive(state?: 'serving' | 'standby'): WorkerProcess[] {
    this.workers = this.workers.filter((w) => w.state !== 'exited');
    return state ? this.workers.filter((w) => w.state === state) : this.workers;
  }

  async start(): Promise<void> {
    const warm = await this.spawnWarm(this.options.initialActive + this.options.standby);
    await Promise.all(warm.slice(0, this.options.initialActive).map((w) => this.serve(w)));
  }

  async status(): Promise<PoolStatus> {
    const active = this.alive('serving').length;
    return { active, standby: this.alive('standby').length, holds: this.total ?? active + this.options.standby };
  }

  /** Standby workers to keep: the held total less the serving workers, else the configured count; within maxWorkers. */
  private standbyWanted(): number {
    const serving = this.alive('serving').length;
    const wanted = this.total !== undefined ? standbyToKeep(this.total, serving) : this.options.standby;
    return Math.max(0, Math.min(wanted, this.options.maxWorkers - serving));
  }

  async holdPoolTotal(total: number): Promise<PoolStatus> {
    this.total = total;
    await this.trimStandby();
    this.scheduleReplenish();
    await this.replenishing;
    return this.status();
  }

  plan(current: PoolStatus, target: number): Plan {
    checkTarget(this.context.pool, target, this.capacity());
    const steps: PlanStep[] = [];
    const grow = target - current.active;
    for (let i = 0; i < grow; i++) steps.push({ op: i < current.standby ? 'serve' : 'spawn+serve', unit: 'worker' });
    for (let i = 0; i < -grow; i++) steps.push({ op: 'standby', unit: 'worker' });
    return { from: current.active, to: target, steps };
  }

  async apply(plan: Plan, options: ApplyOptions = {}): Promise<PoolStatus> {
    const { signal } = options;
    checkTarget(this.context.pool, plan.to, this.capacity());
    const serving = this.alive('serving');
    if (serving.length < plan.to) {
      const need = plan.to - serving.length;
      const ready = this.alive('standby').slice(0, need);
      const fresh = ready.length < need ? await this.spawnWarm(need - ready.length, signal) : [];
      await Promise.all([...ready, ...fresh].map((w) => this.serve(w, signal)));
    } else if (serving.length > plan.to) {
      await Promise.all(
        serving.slice(plan.to).map(async (w) => {
          w.send('standby');
          await w.waitFor('standby', this.options.stopTimeoutSeconds * 1000, signal);
        }),
      );
    }
    await this.trimStandby();
    this.scheduleReplenish();
    return this.status();
  }

  private scheduleReplenish(): void {
    this.replenishing = this.replenishing.then(() => this.replenish()).catch((err: Error) => this.context.logger.error({ pool: this.context.pool, err }, 'standby replenish failed'));
  }

  /** Resolves once background replenishment of standby workers is done. */
  settled(): Promise<void> {
    return this.replenishing;
  }

  private async replenish(): Promise<void> {
    const warming = this.alive().filter((w) => w.state === 'warming').length;
    const missing = Math.min(this.standbyWanted() - this.alive('standby').length - warming, this.options.maxWorkers - this.alive().length);
    if (missing > 0) await this.spawnWarm(missing);
  }

  private async trimStandby(): Promise<void> {
    const surplus = this.alive('standby').slice(this.standbyWanted());
    await Promise.all(surplus.map((w) => w.stop(this.options.stopTimeoutSeconds * 1000)));
    this.alive();
  }

  private async serve(w: WorkerProcess, signal?: AbortSignal): Promise<void> {
    w.send('serve');
    await w.waitFor('serving', this.options.warmTimeoutSeconds * 1000, signal);
  }

  private async spawnWarm(n: number, signal?: AbortSignal): Promise<WorkerProcess[]> {
    if (this.alive().length + n > this.options.maxWorkers) throw new Error(`pool ${this.context.pool}: ${n} more workers would exceed maxWorkers ${this.options.maxWorkers}`);
    const fresh = Array.from({ length: n }, () => new WorkerProcess(this.options.program, this.options.args, this.options.env, this.nextId++));
    this.workers.push(...fresh);
    await Promise.all(fresh.map((w) => w.waitFor('standby', this.options.warmTimeoutSeconds * 1000, signal)));
    return fresh;
  }

  async close(): Promise<void> {
    await this.replenishing;
    await Promise.all(this.workers.map((w) => w.stop(this.options.stopTimeoutSeconds * 1000)));
    this.workers = [];
  }
}

export const localDriver: DriverDefinition<LocalOptions> = {
  kind: 'local',
  description: 'starts, warms, activates and stops worker processes on this machine (standby workers run but do not serve)',
  options: localOptions,
  create: (options, context) => new LocalDriver(options, context),
};
