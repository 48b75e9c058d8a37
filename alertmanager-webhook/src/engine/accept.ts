import { randomUUID } from 'node:crypto';
import type { Alert } from '../alertmanager/payload';
import { dedupeKey, mapAlert, SET_POINT_ACTION } from '../actions/scheme';
import type { SkipReason } from '../actions/skip-reasons';
import type { AcceptedRecord, Intent } from '../intents/records';
import type { AlertResult, PoolRuntime } from './types';

export interface AcceptContext {
  readonly now: number;
  readonly pools: ReadonlyMap<string, PoolRuntime>;
  /** dedupe key → intent id, for intents that must not run again. */
  readonly keys: ReadonlyMap<string, string>;
  readonly intents: ReadonlyMap<string, Intent>;
}

export type Decision =
  | { readonly kind: 'accept'; readonly record: AcceptedRecord; readonly result: AlertResult }
  | { readonly kind: 'skip'; readonly reason: SkipReason; readonly detail: string; readonly result: AlertResult };

const skipped = (alert: Alert, reason: SkipReason, detail: string): Decision => ({
  kind: 'skip',
  reason,
  detail,
  result: { fingerprint: alert.fingerprint, status: alert.status, outcome: 'skipped', reason, detail },
});

/**
 * Decides, per alert and on its own status and fingerprint, whether it becomes an intent. Pure: the
 * caller records the accepted intents and reserves their keys.
 */
export function decide(alerts: readonly Alert[], ctx: AcceptContext): Decision[] {
  const seen = new Set<string>();
  const poolNames = new Set(ctx.pools.keys());
  return alerts.map((alert): Decision => {
    const mapping = mapAlert(alert, poolNames);
    if (!mapping.ok) return skipped(alert, mapping.reason, mapping.detail);
    const key = dedupeKey(alert);
    const earlier = ctx.keys.get(key);
    if (earlier !== undefined || seen.has(key)) return skipped(alert, 'duplicate', `already accepted as intent ${earlier ?? 'in this notification'}`);
    seen.add(key);
    const pool = ctx.pools.get(mapping.request.pool)!;
    const base = { type: 'accepted' as const, id: randomUUID(), at: ctx.now, key, pool: pool.name, fingerprint: alert.fingerprint, tier: mapping.request.tier };
    let record: AcceptedRecord;
    if (alert.status === 'firing') {
      const startsAt = Date.parse(alert.startsAt);
      const { action, amount, poolHosts } = mapping.request;
      record = { ...base, action, amount, ...(action === SET_POINT_ACTION && Number.isFinite(startsAt) ? { startsAt } : {}), ...(poolHosts !== undefined ? { poolHosts } : {}) };
    } else if (mapping.request.action === SET_POINT_ACTION) {
      return skipped(alert, 'set_point_resolved', 'a set-point needs no scale-back: the next set-point says what the pool should be');
    } else {
      if (!pool.config.scaleBack.enabled) return skipped(alert, 'scale_back_disabled', `pool ${pool.name} has scaleBack.enabled = false`);
      const firingId = ctx.keys.get(dedupeKey({ ...alert, status: 'firing' }));
      const firing = firingId === undefined ? undefined : ctx.intents.get(firingId);
      if (!firing) return skipped(alert, 'no_matching_action', 'no firing intent was recorded for this alert');
      record = { ...base, action: 'scale_back', undoes: firing.accepted.id, notBefore: ctx.now + pool.config.scaleBack.delaySeconds * 1000 };
    }
    return { kind: 'accept', record, result: { fingerprint: alert.fingerprint, status: alert.status, outcome: 'accepted', intent: record.id } };
  });
}
