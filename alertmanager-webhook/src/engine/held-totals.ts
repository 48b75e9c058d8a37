import { SET_POINT_ACTION } from '../actions/scheme';
import { followsPoolTotal, type PoolStatus } from '../drivers/driver';
import { foldRecords, type Intent, type IntentRecord } from '../intents/records';
import type { Logger } from '../util/logger';
import type { PoolRuntime } from './types';

/** When a set-point was decided: its alert's startsAt, else when it was accepted (as set-points.ts orders them). */
const decidedAt = (i: Intent): number => i.accepted.startsAt ?? i.accepted.at;

/**
 * Per pool, the total (active + standby) of the newest set-point that carried one: the manager's latest
 * known total, whatever became of that set-point's serving change.
 */
export function latestTotals(intents: Iterable<Intent>): Map<string, number> {
  const newest = new Map<string, Intent>();
  for (const i of intents) {
    if (i.accepted.action !== SET_POINT_ACTION || i.accepted.poolHosts === undefined) continue;
    const seen = newest.get(i.accepted.pool);
    if (!seen || decidedAt(i) > decidedAt(seen) || (decidedAt(i) === decidedAt(seen) && i.accepted.at > seen.accepted.at)) newest.set(i.accepted.pool, i);
  }
  return new Map([...newest].map(([pool, i]) => [pool, i.accepted.poolHosts!]));
}

/**
 * At start (after reconciliation, not in a dry run): drivers that keep their own standby take up the
 * total the intent log last recorded for their pool, instead of their configured count until the next
 * set-point (Alertmanager resends a firing alert whose labels did not change only at repeat_interval).
 */
export async function restoreHeldTotals(records: readonly IntentRecord[], pools: ReadonlyMap<string, PoolRuntime>, observed: (pool: string, status: PoolStatus) => void, logger: Logger): Promise<number> {
  let restored = 0;
  for (const [name, total] of latestTotals(foldRecords(records).values())) {
    const driver = pools.get(name)?.driver;
    if (!driver || !followsPoolTotal(driver)) continue;
    try {
      observed(name, await driver.holdPoolTotal(total));
      restored++;
      logger.info({ pool: name, total }, 'holds the total of the last set-point');
    } catch (err) {
      logger.warn({ pool: name, total, err }, 'cannot hold the total of the last set-point; keeping the configured standby');
    }
  }
  return restored;
}
