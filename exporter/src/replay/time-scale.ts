import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { PoolDefinition } from '@shadowfleet/models';
import { provisioningDir, shippedAlertmanagerConfig } from '../stack/configs';

/**
 * The one mechanism that compresses time for `shadowfleet replay`: every delay of the real path is
 * taken from the shipped provisioning and divided by the speed X — Prometheus' scrape and evaluation
 * intervals, every rule's `for:` and `keep_firing_for:`, Alertmanager's group_wait, group_interval and
 * repeat_interval, the pool model's cold start, activation, cooldown and drain, and the exporter's
 * decision interval and forecast refresh (shipped 60 s). Nothing is tuned per run: a new shipped value
 * is scaled the same way.
 */
export const SHIPPED_DECISION_INTERVAL_SECONDS = 60;
export const shippedPrometheusConfig = path.join(provisioningDir, 'prometheus', 'prometheus.yml');
export const shippedScalingRules = path.join(provisioningDir, 'prometheus', 'rules', 'shadowfleet-scaling.yml');

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** A Prometheus/Alertmanager duration ("1h30m", "15s", "250ms") in milliseconds. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new RangeError(`"${text}" is not a Prometheus duration (e.g. 15s, 5m, 1h30m)`);
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]], 0);
}

/** `text` divided by `speed`, in whole milliseconds (at least 1 ms; "0s" stays 0). */
export function scaleDuration(text: string, speed: number): string {
  const ms = parseDuration(text);
  return ms === 0 ? '0s' : `${Math.max(1, Math.round(ms / speed))}ms`;
}

/** Checks a speed: the exporter's decision interval (60 s / X) must stay a whole number of seconds ≥ 1. */
export function checkSpeed(speed: number): number {
  const step = SHIPPED_DECISION_INTERVAL_SECONDS / speed;
  if (!(speed > 0) || !Number.isInteger(step) || step < 1) {
    throw new RangeError(`--speed must divide ${SHIPPED_DECISION_INTERVAL_SECONDS} (the decision interval stays a whole number of seconds ≥ 1): 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60, got ${speed}`);
  }
  return speed;
}

interface RuleFile {
  groups: Array<{ interval?: string; rules: Array<Record<string, unknown>> }>;
}

/** The shipped rule file with every group interval, `for:` and `keep_firing_for:` divided by `speed`. */
export function scaledRules(speed: number, shipped = readFileSync(shippedScalingRules, 'utf8')): string {
  const file = yaml.load(shipped) as RuleFile;
  for (const g of file.groups) {
    if (g.interval) g.interval = scaleDuration(g.interval, speed);
    for (const r of g.rules) for (const key of ['for', 'keep_firing_for']) if (typeof r[key] === 'string') r[key] = scaleDuration(r[key], speed);
  }
  return yaml.dump(file, { lineWidth: -1 });
}

interface Route {
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
}

/** The shipped alertmanager.yml text with every route's group_wait, group_interval and repeat_interval divided by `speed`. */
export function scaledAlertmanager(speed: number, shipped = readFileSync(shippedAlertmanagerConfig, 'utf8')): string {
  const config = yaml.load(shipped) as { route: Route };
  const walk = (r: Route): void => {
    for (const key of ['group_wait', 'group_interval', 'repeat_interval'] as const) if (r[key]) r[key] = scaleDuration(r[key], speed);
    r.routes?.forEach(walk);
  };
  walk(config.route);
  return yaml.dump(config, { lineWidth: -1 });
}

/** The shipped global scrape and evaluation intervals divided by `speed`. */
export function scaledPrometheusIntervals(speed: number, shipped = readFileSync(shippedPrometheusConfig, 'utf8')): { scrape: string; evaluation: string } {
  const g = (yaml.load(shipped) as { global?: { scrape_interval?: string; evaluation_interval?: string } }).global ?? {};
  // Prometheus' own defaults when the shipped file leaves them out.
  return { scrape: scaleDuration(g.scrape_interval ?? '1m', speed), evaluation: scaleDuration(g.evaluation_interval ?? '1m', speed) };
}

/**
 * A pool definition at speed X: lead times, cooldown and drain divided by X, and capacity per second
 * multiplied by X (a host serves a minute of trace requests in 60/X wall seconds).
 */
export function scaledPool<P extends PoolDefinition>(pool: P, speed: number): P {
  const options = pool.options as Record<string, unknown> | undefined;
  const drain = typeof options?.drainTimeoutSeconds === 'number' ? { options: { ...options, drainTimeoutSeconds: options.drainTimeoutSeconds / speed } } : {};
  return {
    ...pool,
    ...drain,
    hostCapacity: pool.hostCapacity! * speed,
    coldStartSeconds: pool.coldStartSeconds / speed,
    activationSeconds: pool.activationSeconds / speed,
    cooldownSeconds: pool.cooldownSeconds / speed,
  };
}

/** The exporter's environment at speed X: decisions and forecast refreshes every 60/X seconds. */
export function scaledExporterEnv(speed: number): Record<string, string> {
  const step = String(SHIPPED_DECISION_INTERVAL_SECONDS / speed);
  return { SHADOWFLEET_DECISION_INTERVAL_SECONDS: step, SHADOWFLEET_FORECAST_REFRESH_SECONDS: step };
}
