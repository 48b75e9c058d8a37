// the wire helpers alone: the models index loads TensorFlow, which the webhook does not need
import { boundString, preview } from '@shadowfleet/models/wire';
import type { Alert } from '../alertmanager/payload';
import type { SkipReason } from './skip-reasons';

/** Label values are the sender's: echoed bounded (60 characters) in skip details. */
const shown = (value: string): string => preview(value, 60);

/**
 * The label and annotation scheme that turns an alert into a scaling request (README table
 * "Label scheme"). Identity (action, pool, tier) lives in labels; amounts may come from annotations so
 * that a forecast value templated into `target` does not change the alert's fingerprint.
 */
export const ACTION_LABEL = 'shadowfleet_action';
export const POOL_LABEL = 'pool';
export const TIER_LABEL = 'tier';
export const COUNT_KEY = 'count';
export const TARGET_KEY = 'target';
/**
 * On a `set_hosts` set-point: the hosts the pool should hold, active plus standby, of the same decision as
 * `target` (the shipped rule copies `shadowfleet:desired_pool_hosts`). Drivers that keep their own standby
 * (local, kubernetes) keep standby = this − active; docs/pools.md#standby-providers-what-to-follow.
 */
export const POOL_HOSTS_KEY = 'pool_hosts';

export const actions = ['activate_shadow', 'deactivate_shadow', 'scale_to', 'scale_by', 'set_hosts'] as const;
/**
 * `set_hosts` is the resource manager's set-point (provisioning/prometheus/rules): the target is in a label,
 * so a new target is a new alert; its resolution needs no action, a cooldown defers it instead of dropping it,
 * and a newer set-point for the same pool supersedes an older one.
 */
export const SET_POINT_ACTION = 'set_hosts';
export type ActionName = (typeof actions)[number];
/** `scale_back` is never written in an alert: the receiver creates it when a firing alert resolves. */
export type IntentAction = ActionName | 'scale_back';

export const MAX_COUNT = 1000;
export const MAX_TARGET = 100_000;

export type Amount = { readonly count: number } | { readonly target: number };

export interface ActionRequest {
  readonly action: ActionName;
  readonly pool: string;
  readonly tier?: 1 | 2 | 3;
  readonly amount: Amount;
  /** set_hosts only: the pool's total (active + standby) of the same decision, when the alert carries it. */
  readonly poolHosts?: number;
}

export type Mapping = { readonly ok: true; readonly request: ActionRequest } | { readonly ok: false; readonly reason: SkipReason; readonly detail: string };

const skip = (reason: SkipReason, detail: string): Mapping => ({ ok: false, reason, detail });

/** Annotation first, then label. */
function field(alert: Alert, key: string): string | undefined {
  return alert.annotations[key] ?? alert.labels[key];
}

const SIGNED_DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** A whole number of hosts >= 0 from `key` (rounded up), undefined when absent, or the problem. */
function hostCount(alert: Alert, key: string): number | undefined | string {
  const raw = field(alert, key)?.trim();
  if (raw === undefined) return undefined;
  if (!DECIMAL.test(raw)) return `${key} must be a number >= 0, got ${shown(raw)}`;
  const n = Math.ceil(Number(raw));
  if (n > MAX_TARGET) return `${key} must be <= ${MAX_TARGET}, got ${boundString(raw, 24)}`;
  return n;
}

function parseAmount(action: ActionName, alert: Alert): Amount | string {
  if (action === 'scale_to' || action === 'set_hosts') {
    const target = hostCount(alert, TARGET_KEY);
    if (target === undefined) return `${action} needs a target (annotation or label)`;
    return typeof target === 'string' ? target : { target };
  }
  const raw = field(alert, COUNT_KEY)?.trim();
  if (raw === undefined) {
    if (action === 'scale_by') return 'scale_by needs a count (annotation or label)';
    return { count: 1 };
  }
  if (!SIGNED_DECIMAL.test(raw)) return `count must be a number, got ${shown(raw)}`;
  // A forecast templated into `count` ("{{ $value }}") may be fractional: round away from zero.
  const value = Number(raw);
  const count = Math.sign(value) * Math.ceil(Math.abs(value));
  if (action === 'scale_by') {
    if (count === 0 || Math.abs(count) > MAX_COUNT) return `count for scale_by must be between -${MAX_COUNT} and ${MAX_COUNT} and not 0, got ${boundString(raw, 24)}`;
  } else if (count < 1 || count > MAX_COUNT) {
    return `count for ${action} must be between 1 and ${MAX_COUNT}, got ${boundString(raw, 24)}`;
  }
  return { count };
}

/** Maps one alert to a request for a configured pool, or to the reason it is skipped. */
export function mapAlert(alert: Alert, pools: ReadonlySet<string>): Mapping {
  const actionName = alert.labels[ACTION_LABEL];
  if (actionName === undefined) return skip('not_shadowfleet', `no ${ACTION_LABEL} label`);
  if (!(actions as readonly string[]).includes(actionName)) {
    return skip('unknown_action', `${ACTION_LABEL} must be one of ${actions.join(', ')}, got ${shown(actionName)}`);
  }
  const action = actionName as ActionName;
  const pool = alert.labels[POOL_LABEL];
  if (pool === undefined || pool === '') return skip('missing_pool', `${action} needs a ${POOL_LABEL} label`);
  if (!pools.has(pool)) return skip('unknown_pool', `pool ${shown(pool)} is not configured; configured: ${[...pools].join(', ') || '(none)'}`);
  const tierRaw = alert.labels[TIER_LABEL];
  let tier: 1 | 2 | 3 | undefined;
  if (tierRaw !== undefined) {
    if (!['1', '2', '3'].includes(tierRaw)) return skip('invalid_tier', `tier must be 1, 2 or 3, got ${shown(tierRaw)}`);
    tier = Number(tierRaw) as 1 | 2 | 3;
  }
  const amount = parseAmount(action, alert);
  if (typeof amount === 'string') return skip('invalid_amount', amount);
  const poolHosts = action === SET_POINT_ACTION ? hostCount(alert, POOL_HOSTS_KEY) : undefined;
  if (typeof poolHosts === 'string') return skip('invalid_amount', poolHosts);
  return { ok: true, request: { action, pool, tier, amount, ...(poolHosts !== undefined ? { poolHosts } : {}) } };
}

/** The absolute number of active units an action asks for, before the pool's min/max are applied. */
export function desiredSize(action: ActionName, amount: Amount, active: number): number {
  if ('target' in amount) return amount.target;
  if (action === 'deactivate_shadow') return active - amount.count;
  return active + amount.count;
}

/** Redelivery key: Alertmanager resends the same alert with the same fingerprint, startsAt and status. */
export function dedupeKey(alert: Pick<Alert, 'fingerprint' | 'startsAt' | 'status'>): string {
  return `${alert.fingerprint}|${alert.startsAt}|${alert.status}`;
}
