import type { PromSeries } from '../../api/prometheus';
import { countOf } from '../../api/plural';
import { tierName } from '../../api/tiers';

/** What followed one decision, from Prometheus: the scaling rule's alert and the webhook's finished actions. */
export interface Chain {
  /** "ShadowfleetSetHosts firing → 2 hosts (predictive)", or why nothing fired. */
  rule: string;
  /** "set_hosts dry_run ×1", or that the webhook finished nothing. */
  webhook: string;
  /** The webhook only planned and counted (dry run): nothing real changed. */
  dryRun: boolean;
}

/** A range answer's series; `firstSeenAfterS`: the range started before this, so a first sample later than it is the series' birth. */
export type CounterSeries = PromSeries & { firstSeenAfterS?: number };

const inWindow = (s: PromSeries, fromS: number, toS: number) => (s.values ?? []).filter(([t, v]) => t >= fromS && t < toS && Number(v) > 0);

/**
 * How much a counter grew within [fromS, toS): the steps between its samples (a drop is a restart: the
 * new value counts), and its first value when the series appeared after `firstSeenAfterS` (a counter
 * created by its first action starts at 1, which Prometheus' increase() cannot see).
 */
function countedIn(s: CounterSeries, fromS: number, toS: number): number {
  const v = s.values ?? [];
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const [t, raw] = v[i]!;
    if (t < fromS || t >= toS) {
      continue;
    }
    const value = Number(raw);
    const before = i > 0 ? Number(v[i - 1]![1]) : undefined;
    n += before === undefined ? (i === 0 && t > (s.firstSeenAfterS ?? Infinity) ? value : 0) : value >= before ? value - before : value;
  }
  return n;
}

/**
 * The chain behind the decision made at `atMs` for `pool`, over [atMs, untilMs): the ShadowfleetSetHosts
 * alerts for the pool (ALERTS, one series per target and state) and the webhook's finished actions
 * (shadowfleet_webhook_actions_total by action and outcome, counted per step).
 */
export function chainFor(pool: string | undefined, atMs: number, untilMs: number, alerts: PromSeries[], actions: CounterSeries[]): Chain {
  const [from, to] = [atMs / 1000, untilMs / 1000];
  const mine = (s: PromSeries) => pool === undefined || s.metric.pool === pool;
  const fired = alerts.filter((s) => mine(s) && inWindow(s, from, to).length > 0);
  const rule =
    fired.length === 0
      ? 'ShadowfleetSetHosts not firing (the pool had the target, or no webhook reported the pool)'
      : fired
          .map((s) => `ShadowfleetSetHosts ${s.metric.alertstate ?? 'firing'} → ${s.metric.target === undefined ? '? hosts' : countOf(Number(s.metric.target), 'host')}${s.metric.tier ? ` (${tierName(s.metric.tier)})` : ''}`)
          .join('; ');
  const done = actions
    .filter(mine)
    .map((s) => ({ s, n: countedIn(s, from, to) }))
    .filter((a) => a.n > 0);
  const webhook =
    done.length === 0
      ? 'webhook finished no action'
      : done.map(({ s, n }) => `${s.metric.action ?? 'action'} ${s.metric.outcome ?? ''} ×${Math.max(1, Math.round(n))}`.replace('  ', ' ')).join('; ');
  return { rule, webhook, dryRun: done.some(({ s }) => s.metric.outcome === 'dry_run') };
}

/** The forecast page around a decision: 3 hours before to 1 hour after, at the decision's horizon. */
export function forecastLink(base: string, atMs: number, horizonMinutes?: number): string {
  const horizon = horizonMinutes === undefined ? '15m' : ({ 15: '15m', 60: '1h', 360: '6h', 1440: '1d', 10080: '7d' } as Record<number, string>)[horizonMinutes] ?? '15m';
  return `${base}/forecasts?from=${atMs - 3 * 3600_000}&to=${atMs + 3600_000}&horizon=${horizon}`;
}
