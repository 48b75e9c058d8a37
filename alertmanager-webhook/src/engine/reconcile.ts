import { poolSize } from '../drivers/driver';
import { foldRecords, type FinishedRecord, type Intent, type IntentRecord } from '../intents/records';
import type { Logger } from '../util/logger';
import type { ActionEngine } from './engine';
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
  readonly logger: Logger;
}

/**
 * Startup: rebuilds dedupe keys and cooldowns from the log, then settles every unfinished intent.
 * - accepted, never planned: no driver was called, so it runs now (or when due), unless stale;
 * - planned, not finished: the driver may or may not have acted. The pool is observed: at the planned
 *   size → completed; still at the starting size → applied now (the target is absolute, so this cannot
 *   double it); anything else → abandoned, because someone else changed the pool meanwhile.
 */
export async function reconcile(records: readonly IntentRecord[], deps: ReconcileDeps): Promise<ReconcileSummary> {
  const { engine, pools, now, maxAgeMs, logger } = deps;
  const counts = { restored: 0, requeued: 0, completed: 0, reapplied: 0, abandoned: 0 };
  const finish = async (intent: Intent, outcome: FinishedRecord['outcome'], detail: string, active?: number) => {
    const finished: FinishedRecord = { type: 'finished', id: intent.accepted.id, at: now, outcome, reason: 'reconciled', detail, active };
    await engine.recordLine(finished);
    intent.finished = finished;
    engine.restoreFinished(intent);
    logger.info('intent reconciled', { intent: intent.accepted.id, pool: intent.accepted.pool, outcome, detail });
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
      try {
        const after = await pool.driver.apply(pool.driver.plan(status, to));
        engine.observed(pool.name, after);
        await finish(intent, 'applied', `re-applied ${from} → ${to} after restart`, after.active);
        counts.reapplied++;
      } catch (err) {
        await finish(intent, 'failed', `re-applying ${from} → ${to} failed: ${(err as Error).message}`);
        counts.abandoned++;
      }
    } else {
      await finish(intent, 'abandoned', `pool is at ${size}, neither the planned ${from} nor ${to}${age > maxAgeMs ? ' (and the intent is stale)' : ''}`, status.active);
      counts.abandoned++;
    }
  }
  return counts;
}
