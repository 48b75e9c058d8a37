import type { Alert } from '../alertmanager/payload';
import type { PoolStatus } from '../drivers/driver';
import type { IntentLog } from '../intents/log';
import type { Intent, IntentRecord } from '../intents/records';
import type { WebhookMetrics } from '../metrics/metrics';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import { SET_POINT_ACTION } from '../actions/scheme';
import { decide } from './accept';
import { newerSetPoint, targetOf } from './set-points';
import { runIntent, ShutdownAbort } from './run-intent';
import { ChangeRateLimiter, Cooldowns } from './safety';
import { RetryLaterError, type AlertResult, type EngineLimits, type PoolRuntime } from './types';

export interface EngineDeps {
  readonly limits: EngineLimits;
  readonly pools: ReadonlyMap<string, PoolRuntime>;
  readonly log: IntentLog;
  readonly metrics: WebhookMetrics;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Accepts alerts as durable intents and runs them through the drivers: at most N at a time, one at a
 * time per pool, behind cooldowns and a change-rate limit. Exactly once: a dedupe key is reserved
 * before the intent is written, and only failed or transiently skipped intents release theirs.
 */
export class ActionEngine {
  readonly intents = new Map<string, Intent>();
  private readonly keys = new Map<string, string>();
  private readonly queue: Intent[] = [];
  private readonly scheduled = new Map<string, { intent: Intent; cancel: () => void }>();
  private readonly busyPools = new Set<string>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly cooldowns = new Cooldowns();
  private readonly rate: ChangeRateLimiter;
  private readonly lastStatus = new Map<string, PoolStatus>();
  private readonly shutdown = new AbortController();
  private accepting = true;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: EngineDeps) {
    this.rate = new ChangeRateLimiter(deps.limits.rateLimit.maxChanges, deps.limits.rateLimit.windowSeconds * 1000);
  }

  /** Records the alerts it accepts, then returns; the actions run afterwards. */
  async accept(alerts: readonly Alert[]): Promise<AlertResult[]> {
    if (!this.accepting) throw new RetryLaterError('the webhook is shutting down; Alertmanager will retry');
    const { metrics, logger, log, clock } = this.deps;
    for (const a of alerts) metrics.alertsReceived.inc({ status: a.status });
    const decisions = decide(alerts, { now: clock.now(), pools: this.deps.pools, keys: this.keys, intents: this.intents });
    const accepted = decisions.flatMap((d) => (d.kind === 'accept' ? [d.record] : []));
    if (this.queuedIntents() + accepted.length > this.deps.limits.maxQueuedActions) {
      throw new RetryLaterError(`${this.queuedIntents()} intents are queued (maxQueuedActions ${this.deps.limits.maxQueuedActions}); Alertmanager will retry`);
    }
    for (const r of accepted) this.keys.set(r.key, r.id);
    try {
      await log.append(accepted);
    } catch (err) {
      for (const r of accepted) this.keys.delete(r.key);
      throw new RetryLaterError(`cannot record intents: ${(err as Error).message}`);
    }
    for (const d of decisions) {
      if (d.kind === 'skip') {
        metrics.skipped.inc({ reason: d.reason });
        logger.info({ reason: d.reason, detail: d.detail, fingerprint: d.result.fingerprint, status: d.result.status }, 'alert skipped');
      } else {
        const intent: Intent = { accepted: d.record };
        this.intents.set(d.record.id, intent);
        logger.info({ intent: d.record.id, pool: d.record.pool, action: d.record.action, fingerprint: d.record.fingerprint }, 'intent accepted');
        this.enqueue(intent);
      }
    }
    this.pump();
    return decisions.map((d) => d.result);
  }

  /** Puts a restored or new intent in line, or on a timer when it must wait. */
  enqueue(intent: Intent): void {
    const due = intent.accepted.notBefore ?? 0;
    if (due > this.deps.clock.now()) this.schedule(intent, due);
    else this.queue.push(intent);
  }

  private schedule(intent: Intent, at: number): void {
    this.scheduled.get(intent.accepted.id)?.cancel();
    const cancel = this.deps.clock.setTimer(at - this.deps.clock.now(), () => {
      this.scheduled.delete(intent.accepted.id);
      this.queue.push(intent);
      this.pump();
    });
    this.scheduled.set(intent.accepted.id, { intent, cancel });
  }

  /** Restores dedupe keys and safety state from finished intents (used on restart). */
  restoreFinished(intent: Intent): void {
    this.intents.set(intent.accepted.id, intent);
    const f = intent.finished;
    const retryable = f && (f.outcome === 'failed' || (f.outcome === 'skipped' && (f.reason === 'cooldown' || f.reason === 'rate_limited')));
    if (!retryable) this.keys.set(intent.accepted.key, intent.accepted.id);
    if (f && (f.outcome === 'applied' || f.outcome === 'dry_run' || f.outcome === 'uncertain') && intent.planned) this.noteChange(intent.accepted.pool, f.at);
  }

  private noteChange(pool: string, at: number): void {
    this.cooldowns.record(pool, at);
    this.rate.record(at);
  }

  /** Starts running what reconciliation put in line; called once after `reconcile`. */
  begin(): void {
    this.pump();
  }

  /**
   * `accepted` and `planned` lines are synced before anything depends on them; `finished` lines are not
   * waited for on disk: if one is lost in a crash, reconciliation observes the pool and finishes the intent.
   */
  recordLine(r: IntentRecord): Promise<void> {
    return this.deps.log.append([r], r.type !== 'finished');
  }

  observed(pool: string, status: PoolStatus): void {
    this.lastStatus.set(pool, status);
  }

  lastObserved(pool: string): PoolStatus | undefined {
    return this.lastStatus.get(pool);
  }

  queuedIntents(): number {
    return this.queue.length + this.scheduled.size + this.running.size;
  }

  private pump(): void {
    if (!this.accepting) return;
    for (let i = 0; i < this.queue.length && this.running.size < this.deps.limits.maxConcurrentActions; ) {
      const intent = this.queue[i]!;
      if (this.busyPools.has(intent.accepted.pool)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      this.busyPools.add(intent.accepted.pool);
      const run = this.execute(intent).finally(() => {
        this.busyPools.delete(intent.accepted.pool);
        this.running.delete(intent.accepted.id);
        if (this.accepting) this.pump();
        if (this.running.size === 0 && (this.queue.length === 0 || !this.accepting)) this.notifyIdle();
      });
      this.running.set(intent.accepted.id, run);
    }
    if (this.running.size === 0 && this.queue.length === 0) this.notifyIdle();
  }

  private async execute(intent: Intent): Promise<void> {
    const { accepted } = intent;
    const pool = this.deps.pools.get(accepted.pool);
    const { clock, metrics, logger, limits } = this.deps;
    if (!pool) return;
    if (accepted.action === SET_POINT_ACTION) {
      const newer = newerSetPoint(intent, this.intents.values());
      if (newer) {
        await this.finishSkipped(intent, pool, 'superseded', `set-point ${newer.accepted.id} (target ${targetOf(newer)}, started later) replaces target ${targetOf(intent)}`);
        return;
      }
    }
    const now = clock.now();
    const waitUntil = Math.max(this.cooldowns.readyAt(pool.name, pool.config.cooldownSeconds * 1000), this.rate.readyAt(now));
    if (waitUntil > now) {
      const reason = this.cooldowns.readyAt(pool.name, pool.config.cooldownSeconds * 1000) > now ? 'cooldown' : 'rate_limited';
      if (accepted.action === 'scale_back' || accepted.action === SET_POINT_ACTION) {
        logger.info({ intent: accepted.id, pool: pool.name, reason, until: new Date(waitUntil).toISOString() }, accepted.action === 'scale_back' ? 'scale-back deferred' : 'set-point deferred');
        this.schedule(intent, waitUntil);
        return;
      }
      const detail = `pool ${pool.name} may change again at ${new Date(waitUntil).toISOString()}`;
      await this.finishSkipped(intent, pool, reason, detail);
      return;
    }
    const signal = AbortSignal.any([this.shutdown.signal, AbortSignal.timeout(limits.actionTimeoutSeconds * 1000)]);
    const result = await runIntent(intent, pool, {
      now: () => clock.now(),
      dryRun: limits.dryRun,
      signal,
      record: (r) => this.recordLine(r),
      observed: (p, s) => this.observed(p, s),
      intents: this.intents,
      deadline: now + limits.actionTimeoutSeconds * 1000,
    });
    if (result.kind === 'interrupted') {
      logger.warn({ intent: accepted.id, pool: pool.name }, 'action interrupted by shutdown; it will be reconciled on restart');
      return;
    }
    const { finished } = result;
    if (result.changed) this.noteChange(pool.name, finished.at);
    if (finished.outcome === 'failed') this.keys.delete(accepted.key);
    if (finished.outcome === 'skipped' && finished.reason) metrics.skipped.inc({ reason: finished.reason });
    metrics.actions.inc({ driver: pool.driver.kind, pool: pool.name, action: accepted.action, outcome: finished.outcome });
    if (result.applySeconds !== undefined) {
      metrics.actionDuration.observe({ driver: pool.driver.kind, action: accepted.action }, result.applySeconds);
      metrics.receiptToDone.observe({ driver: pool.driver.kind }, Math.max(0, finished.at - accepted.at) / 1000);
    }
    const level = finished.outcome === 'failed' || finished.outcome === 'uncertain' ? 'error' : 'info';
    logger[level]({ intent: accepted.id, pool: pool.name, action: accepted.action, outcome: finished.outcome, from: intent.planned?.from, to: intent.planned?.to, detail: finished.detail }, 'intent finished');
  }

  private async finishSkipped(intent: Intent, pool: PoolRuntime, reason: 'cooldown' | 'rate_limited' | 'superseded', detail: string): Promise<void> {
    const finished = { type: 'finished' as const, id: intent.accepted.id, at: this.deps.clock.now(), outcome: 'skipped' as const, reason, detail };
    try {
      await this.recordLine(finished);
    } catch (err) {
      this.deps.logger.error({ intent: intent.accepted.id, err }, 'cannot record skipped intent');
      return;
    }
    intent.finished = finished;
    // A cooldown or rate limit is transient (a redelivery may act); a superseded set-point never should.
    if (reason !== 'superseded') this.keys.delete(intent.accepted.key);
    this.deps.metrics.skipped.inc({ reason });
    this.deps.metrics.actions.inc({ driver: pool.driver.kind, pool: pool.name, action: intent.accepted.action, outcome: 'skipped' });
    this.deps.logger.info({ reason, detail, intent: intent.accepted.id, pool: pool.name }, 'alert skipped');
  }

  /** Resolves when nothing runs and nothing is queued to run now (scheduled scale-backs may remain). */
  idle(): Promise<void> {
    if (this.running.size === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * SIGTERM: refuse new notifications (503), start nothing new, let running actions finish until the
   * deadline, then abort them. Whatever did not finish stays in the log and is reconciled on restart.
   */
  async drain(deadlineMs: number): Promise<{ finished: boolean; interrupted: number; leftQueued: number }> {
    this.accepting = false;
    for (const { cancel } of this.scheduled.values()) cancel();
    const leftQueued = this.queue.length + this.scheduled.size;
    const inFlight = [...this.running.values()];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(() => resolve('deadline'), deadlineMs)));
    const outcome = await Promise.race([Promise.allSettled(inFlight).then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    const interrupted = outcome === 'deadline' ? this.running.size : 0;
    if (outcome === 'deadline') {
      this.shutdown.abort(new ShutdownAbort('drain deadline passed'));
      await Promise.allSettled([...this.running.values()]);
    }
    return { finished: outcome === 'done', interrupted, leftQueued };
  }
}
