import { poolSize, type PoolStatus } from '../drivers/driver';
import { foldRecords, type FinishedRecord, type Intent, type IntentRecord } from '../intents/records';
import type { Logger } from '../util/logger';
import { applyPlan, observeAfterFailure } from './apply-step';
import type { ActionEngine } from './engine';
import { realOrphanDeps, settleOrphans, type OrphanDeps } from './orphans';
import type { PoolRuntime } from './types';

export interface ReconcileSummary {
  readonly restored: number;
  readonly requeued: number;
  readonly completed: number;
  readonly reapplied: number;
  readonly abandoned: number;
}

interface ReconcileDeps {
  readonly engine: ActionEngine;
  readonly pools: ReadonlyMap<string, PoolRuntime>;
  readonly now: number;
  readonly maxAgeMs: number;
  /** actionTimeoutSeconds in ms: the deadline of a re-apply. */
  readonly actionTimeoutMs: number;
  readonly logger: Logger;
  readonly orphans?: OrphanDeps;
}

/**
 * Startup: rebuilds dedupe keys and cooldowns from the log, then settles every unfinished intent.
 * - accepted, never planned: no driver was called, so it runs now (or when due), unless stale;
 * - planned, not finished: the driver may or may not have acted. The pool is observed: at the planned
 *   size → completed; still at the starting size → applied now (the target is absolute, so this cannot
 *   double it); anything else → abandoned, because someone else changed the pool meanwhile.
 * Before observing, an apply that was running when the webhook died (its `applying` line) is waited
 * for until its recorded deadline, or stopped there (orphans.ts); a stopped apply leaves the outcome
 * unknown unless the pool is at the planned size, so the intent ends `uncertain` and keeps its
 * dedupe key. A re-apply gets the full action context; if it fails, the pool is observed again and
 * only a pool still at the starting size releases the key.
 */
export async function reconcile(records: readonly IntentRecord[], deps: ReconcileDeps): Promise<ReconcileSummary> {
  const { engine, pools, now, maxAgeMs, logger } = deps;
  const counts = { restored: 0, requeued: 0, completed: 0, reapplied: 0, abandoned: 0 };
  const finish = async (intent: Intent, outcome: FinishedRecord['outcome'], detail: string, active?: number) => {
    const finished: FinishedRecord = { type: 'finished', id: intent.accepted.id, at: now, outcome, reason: 'reconciled', detail, active };
    await engine.recordLine(finished);
    intent.finished = finished;
    engine.restoreFinished(intent);
    logger.info({ intent: intent.accepted.id, pool: intent.accepted.pool, outcome, detail }, 'intent reconciled');
  };
  for (const intent of foldRecords(records).values()) {
    counts.restored++;
    if (intent.finished) {
      engine.restoreFinished(intent);
      continue;
    }
    const pool = pools.get(intent.accepted.pool);
    if (!pool) {
      await finish(intent, 'abandoned', `pool ${intent.accepted.pool} is no longer configured`);
      counts.abandoned++;
      continue;
    }
    const age = now - Math.max(intent.accepted.at, intent.accepted.notBefore ?? 0);
    if (!intent.planned) {
      if (age > maxAgeMs) {
        await finish(intent, 'abandoned', `accepted ${Math.round(age / 1000)} s ago, older than intentMaxAgeSeconds`);
        counts.abandoned++;
      } else {
        engine.restoreFinished(intent);
        engine.enqueue(intent);
        counts.requeued++;
      }
      continue;
    }
    const { from, to, dryRun } = intent.planned;
    if (dryRun) {
      await finish(intent, 'dry_run', `dry run planned ${from} → ${to}`);
      counts.completed++;
      continue;
    }
    const orphans = intent.applying ? await settleOrphans(intent.accepted.id, intent.applying, deps.orphans ?? realOrphanDeps) : { found: [], stopped: false };
    if (orphans.found.length > 0) {
      logger.warn({ intent: intent.accepted.id, pool: pool.name, processGroups: orphans.found, stopped: orphans.stopped }, 'an apply outlived the previous webhook process');
    }
    if (orphans.stopped) {
      const settled = await observeAfterFailure(pool, { from, to }, 'the apply started before the restart was still running at its deadline and was stopped', true, engine);
      await finish(intent, settled.outcome, settled.detail ?? '', settled.active);
      counts[settled.outcome === 'applied' ? 'completed' : 'abandoned']++;
      continue;
    }
    let status;
    try {
      status = await pool.driver.status();
      engine.observed(pool.name, status);
    } catch (err) {
      await finish(intent, 'abandoned', `cannot observe pool ${pool.name}: ${(err as Error).message}`);
      counts.abandoned++;
      continue;
    }
    const size = poolSize(status);
    if (size === to) {
      await finish(intent, 'applied', `pool already at the planned ${to}`, status.active);
      counts.completed++;
    } else if (size === from && age <= maxAgeMs) {
      const plan = pool.driver.plan(status, to);
      const ctx = { now: () => Date.now(), signal: AbortSignal.timeout(deps.actionTimeoutMs), deadline: Date.now() + deps.actionTimeoutMs, record: (r: IntentRecord) => engine.recordLine(r), observed: (p: string, s: PoolStatus) => engine.observed(p, s), orphans: deps.orphans };
      const applied = await applyPlan(intent, pool, plan, ctx, () => false);
      const detail = applied.outcome === 'applied' ? `re-applied ${from} → ${to} after restart` : `re-applying ${from} → ${to} after restart: ${applied.detail ?? ''}`;
      await finish(intent, applied.outcome, detail, applied.active);
      counts[applied.outcome === 'applied' ? 'reapplied' : 'abandoned']++;
    } else {
      await finish(intent, 'abandoned', `pool is at ${size}, neither the planned ${from} nor ${to}${age > maxAgeMs ? ' (and the intent is stale)' : ''}`, status.active);
      counts.abandoned++;
    }
  }
  return counts;
}
