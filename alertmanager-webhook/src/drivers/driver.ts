import type { z } from 'zod';
import type { Logger } from '../util/logger';

/**
 * The narrow interface every driver implements. A driver instance owns one pool: a set of units
 * (servers, processes, replicas) of which some serve traffic ("active") and some are warm standby.
 * Targets are absolute, so applying the same plan twice has the effect of applying it once.
 */
export interface PoolStatus {
  /** Units serving traffic now. */
  readonly active: number;
  /** Warm units that could be activated without a cold start (shadow fleet). */
  readonly standby: number;
  /**
   * Units the pool is asked to have, where that differs from what serves: e.g. a Deployment's
   * spec.replicas, of which only the Ready pods count as `active`. Drivers that act at once omit it.
   */
  readonly desired?: number;
  /** Units the driver put in place that the pool no longer has (another writer undid them), seen on this read. */
  readonly lost?: number;
  /**
   * For drivers that keep their own standby (FollowsPoolTotal): the total, active plus standby, they follow —
   * the last set-point's `pool_hosts` (even where a bound such as maxWorkers keeps the pool below it), or
   * the active units plus the configured standby count until one came.
   */
  readonly holds?: number;
}

/** The size plans start from: what the pool is asked to have, so units still starting are not asked for twice. */
export const poolSize = (status: PoolStatus): number => status.desired ?? status.active;

export interface PlanStep {
  /** What the driver will do, e.g. `ready`, `drain`, `spawn`, `scale`. */
  readonly op: string;
  /** The unit it acts on, e.g. `web/s3` or `deployment/web`. */
  readonly unit: string;
}

export interface Plan {
  readonly from: number;
  readonly to: number;
  readonly steps: readonly PlanStep[];
}

export interface Driver {
  /** The registry name of this driver (`haproxy`, `local`, …). */
  readonly kind: string;
  /** Observes the pool as it is now. */
  status(signal?: AbortSignal): Promise<PoolStatus>;
  /** Pure: the steps that move `current` to `target` active units. Throws when the pool cannot hold `target`. */
  plan(current: PoolStatus, target: number): Plan;
  /** Moves the pool to `plan.to` active units and returns the status afterwards. Idempotent. */
  apply(plan: Plan, options?: ApplyOptions): Promise<PoolStatus>;
}

/** Validated facts about the action, for drivers that pass them on (e.g. as program arguments). */
export interface ActionContext {
  /** Intent id (a UUID). */
  readonly intent: string;
  readonly action: 'activate_shadow' | 'deactivate_shadow' | 'scale_to' | 'scale_by' | 'set_hosts' | 'scale_back';
  readonly tier?: 1 | 2 | 3;
  /** Alertmanager fingerprint: 16 hex digits. */
  readonly fingerprint: string;
}

export interface ApplyOptions {
  readonly signal?: AbortSignal;
  readonly context?: ActionContext;
  /**
   * A driver that starts a program calls this with the program's process group right after starting
   * it (and should wait for it: the engine records the group durably, so that after a crash the
   * restarted webhook can wait for or stop the orphaned program before it reconciles the pool).
   */
  readonly onProcess?: (pgid: number) => Promise<void>;
}

/**
 * Environment variable a driver sets on every program it runs for an intent (value: the intent id).
 * After a crash, the restarted webhook finds programs still running for an intent by it (Linux /proc),
 * even when the crash came before their process group was recorded.
 */
export const INTENT_ENV = 'SHADOWFLEET_INTENT';

/** Optional capability: prepare the pool before the service answers (spawn and warm standby units). */
export interface Startable {
  start(): Promise<void>;
}

/** Optional capability: release what the driver holds (child processes, sockets) at shutdown. */
export interface Closable {
  close(): Promise<void>;
}

/** Optional capability: a fixed number of units exists (e.g. servers declared in an HAProxy backend). */
export interface Bounded {
  capacity(): number;
}

/**
 * Optional capability of drivers that are their pool's standby provider (local, kubernetes): they follow
 * the total of the manager's decision that a set-point carries (`pool_hosts`), and keep
 * standby = that total − the units active now by their own count (`standbyToKeep`, models), so an
 * activation or release on its way never makes them drop or boot a host
 * (docs/pools.md#standby-providers-what-to-follow). The engine calls it after the set-point's own change.
 */
export interface FollowsPoolTotal {
  /** Keeps the pool at `total` units (active + standby) from now on: refills or trims standby now; the status afterwards. */
  holdPoolTotal(total: number, signal?: AbortSignal): Promise<PoolStatus>;
}

export const isStartable = (d: Driver): d is Driver & Startable => typeof (d as Partial<Startable>).start === 'function';
export const isClosable = (d: Driver): d is Driver & Closable => typeof (d as Partial<Closable>).close === 'function';
export const followsPoolTotal = (d: Driver): d is Driver & FollowsPoolTotal => typeof (d as Partial<FollowsPoolTotal>).holdPoolTotal === 'function';
export const isBounded = (d: Driver): d is Driver & Bounded => typeof (d as Partial<Bounded>).capacity === 'function';

export interface DriverContext {
  readonly pool: string;
  readonly logger: Logger;
}

/** How a driver is registered: its name, the schema of its per-pool options, and a factory. */
export interface DriverDefinition<Options = unknown> {
  readonly kind: string;
  readonly description: string;
  readonly options: z.ZodType<Options>;
  create(options: Options, context: DriverContext): Driver;
}

/** Thrown by `plan` when the target is outside what the pool can hold; the message names both. */
export class CapacityError extends Error {
  override readonly name = 'CapacityError';
}

/** Shared helper: the target must be a whole number between 0 and `capacity` (if bounded). */
export function checkTarget(pool: string, target: number, capacity?: number): void {
  if (!Number.isInteger(target) || target < 0) throw new CapacityError(`pool ${pool}: target must be a whole number >= 0, got ${target}`);
  if (capacity !== undefined && target > capacity) {
    throw new CapacityError(`pool ${pool}: target ${target} exceeds the ${capacity} units the pool has; add units or lower the pool's max`);
  }
}
