import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { actuationDelaySteps, cooldownRoomSeconds, type ActuationDelayDerivation, type ActuationPath } from '@shadowfleet/models';
import { DECISION_MARGIN } from '../allocation/start';
import { provisioningDir, shippedAlertmanagerConfig } from '../stack/configs';
import { parseDuration, shippedPrometheusConfig, shippedScalingRules, SHIPPED_DECISION_INTERVAL_SECONDS } from '../replay/time-scale';

/** The rule that carries the manager's target to Alertmanager. */
export const TARGET_ALERT = 'ShadowfleetSetHosts';
/**
 * The webhook from an alert's receipt to the pool's change: median 24 ms over 20 activations through the
 * HAProxy driver (`npm run bench -- webhook`, bench/results/webhook.json, activation.receipt_to_serving_ms).
 */
export const WEBHOOK_RECEIPT_TO_CHANGE_SECONDS = 0.024;

interface Route {
  matchers?: string[];
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  routes?: Route[];
}

const seconds = (text: string | undefined, fallback: string): number => parseDuration(text ?? fallback) / 1000;

/** Whether a route's group_by gives each set-point's alert a group of its own: every label ('...') or the target label. */
function groupsEachSetPoint(groupBy: readonly string[] | undefined): boolean {
  return groupBy !== undefined && (groupBy.includes('...') || groupBy.includes('target'));
}

/** The path's settings as shipped in provisioning/ (files can be passed as text for tests). */
export function shippedActuationPath(files: { prometheus?: string; rules?: string; alertmanager?: string; pools?: string } = {}): ActuationPath {
  const read = (text: string | undefined, file: string): string => text ?? readFileSync(file, 'utf8');
  const prom = (yaml.load(read(files.prometheus, shippedPrometheusConfig)) as { global?: { scrape_interval?: string; evaluation_interval?: string } }).global ?? {};
  const rules = yaml.load(read(files.rules, shippedScalingRules)) as { groups: Array<{ interval?: string; rules: Array<{ alert?: string; for?: string }> }> };
  const group = rules.groups.find((g) => g.rules.some((r) => r.alert === TARGET_ALERT));
  const rule = group?.rules.find((r) => r.alert === TARGET_ALERT);
  if (!group || !rule) throw new Error(`${shippedScalingRules} has no ${TARGET_ALERT} rule; the actuation delay is derived from it`);
  const am = yaml.load(read(files.alertmanager, shippedAlertmanagerConfig)) as { route: Route & { group_by?: string[] } };
  // The route that sends shadowfleet_action alerts to the webhook; its unset fields inherit the root's (Alertmanager's defaults 30s / 5m).
  const route = am.route.routes?.find((r) => r.matchers?.some((m) => m.startsWith('shadowfleet_action'))) ?? am.route;
  const pools = JSON.parse(read(files.pools, path.join(provisioningDir, 'pools.json'))) as { pools: Record<string, { cooldownSeconds: number }> };
  const scrape = seconds(prom.scrape_interval, '1m');
  return {
    stepSeconds: SHIPPED_DECISION_INTERVAL_SECONDS,
    decisionOffsetShare: DECISION_MARGIN,
    scrapeIntervalSeconds: scrape,
    evaluationIntervalSeconds: seconds(group.interval ?? prom.evaluation_interval, '1m'),
    ruleForSeconds: seconds(rule.for, '0s'),
    groupWaitSeconds: seconds(route.group_wait ?? am.route.group_wait, '30s'),
    groupIntervalSeconds: seconds(route.group_interval ?? am.route.group_interval, '5m'),
    groupPerSetPoint: groupsEachSetPoint(route.group_by ?? am.route.group_by),
    webhookSeconds: WEBHOOK_RECEIPT_TO_CHANGE_SECONDS,
    cooldownSeconds: Math.max(...Object.values(pools.pools).map((p) => p.cooldownSeconds)),
  };
}

/** The default actuation delay of `shadowfleet simulate` and the benches: derived from the shipped configuration. */
export function shippedActuationDelay(): ActuationDelayDerivation {
  return actuationDelaySteps(shippedActuationPath());
}

/** An actuation delay and where it came from (`actuation_delay` of the replay, `actuationDelay` of a policy preview). */
export interface StatedActuationDelay {
  readonly steps: number;
  readonly seconds: number;
  /** The step the delay is counted in. */
  readonly step_seconds: number;
  readonly source: string;
  /** The derivation, term by term (seconds); absent when the delay could not be derived. */
  readonly terms?: Readonly<Record<string, number>>;
}

/**
 * The delay of the path a running exporter's decisions take, counted in steps of `stepSeconds`: its own
 * decision offset and pool cooldown (the pool model it loaded, which the webhook shares) with the
 * Prometheus and Alertmanager settings as shipped in provisioning/ (the exporter does not see the ones
 * deployed; `shadowfleet stack` and docker-compose.yml run exactly those). Equal to shippedActuationDelay()
 * at the shipped decision interval and pool model; `source` says which parts differ.
 */
export function runningActuationDelay(o: { stepSeconds: number; cooldownSeconds: number; poolsFile?: string }): StatedActuationDelay {
  const shipped = shippedActuationPath();
  const d = actuationDelaySteps({ ...shipped, stepSeconds: o.stepSeconds, cooldownSeconds: o.cooldownSeconds });
  const own: string[] = [];
  if (o.stepSeconds !== shipped.stepSeconds) own.push(`a step of ${o.stepSeconds} s`);
  if (o.cooldownSeconds !== shipped.cooldownSeconds) own.push(`the pool's cooldown of ${o.cooldownSeconds} s${o.poolsFile ? ` (${o.poolsFile})` : ''}`);
  const source =
    own.length === 0
      ? 'shipped default: derived from provisioning/ (Prometheus, Alertmanager, pools.json) by exporter/src/sim/actuation-delay.ts'
      : `derived from this exporter's settings (${own.join(', ')}) and the Prometheus and Alertmanager settings shipped in provisioning/ (exporter/src/sim/actuation-delay.ts)`;
  const defers = d.cooldown_defers ? `; a lower bound: ${cooldownWarning(o.cooldownSeconds, o.stepSeconds, shipped)}` : '';
  return { steps: d.steps, seconds: d.seconds, step_seconds: o.stepSeconds, source: source + defers, terms: d.terms };
}

function cooldownWarning(cooldownSeconds: number, stepSeconds: number, path: ActuationPath): string {
  return `a cooldown of ${cooldownSeconds} s is longer than the ${cooldownRoomSeconds({ ...path, stepSeconds })} s a change can follow the last one (a ${stepSeconds} s step less the ${path.scrapeIntervalSeconds} s scrape and ${path.evaluationIntervalSeconds} s evaluation intervals), so set-points can be deferred and each deferral delays the next`;
}

/**
 * One line per pool whose cooldown can defer the manager's set-points (actuationDelaySteps'
 * `cooldown_defers`), for the exporter to log at start; none when provisioning/ is not there to read.
 */
export function deferringCooldowns(pools: Readonly<Record<string, { cooldownSeconds: number }>>, stepSeconds: number): string[] {
  let shipped: ActuationPath;
  try {
    shipped = shippedActuationPath();
  } catch {
    return [];
  }
  return Object.entries(pools)
    .filter(([, p]) => actuationDelaySteps({ ...shipped, stepSeconds, cooldownSeconds: p.cooldownSeconds }).cooldown_defers)
    .map(([name, p]) => `pool ${name}: ${cooldownWarning(p.cooldownSeconds, stepSeconds, shipped)}; set its cooldownSeconds to at most ${cooldownRoomSeconds({ ...shipped, stepSeconds })}`);
}
