import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { alertmanagerConfigFile, loadRuleFile, type RuleFile } from '../provisioning/rule-files';

/**
 * The shipped provisioning, adapted for a test run on loopback. Only what a deployment also changes is
 * changed (addresses, credentials path, capacities) plus the time windows, which are minutes in
 * production and seconds here; every expression, label and annotation is used as shipped.
 */
export interface TestWindows {
  /** Replaces every alert's `for` (the activation window). */
  readonly activationFor: string;
  /** Replaces every alert's `keep_firing_for` (the sustained drop before scale-back). */
  readonly keepFiringFor: string;
  readonly groupWait: string;
  readonly groupInterval: string;
}

export interface PoolCapacity {
  readonly pool: string;
  /** Complexity units per second the serving hosts take (shadowfleet:pool_serving_capacity:complexity_units_per_second). */
  readonly serving: number;
  /** Complexity units per second one added host takes (shadowfleet:pool_host_capacity:complexity_units_per_second). */
  readonly perHost: number;
}

/** Writes the shipped scaling rules with test windows, and a capacity file, into `dir`; returns both paths. */
export function writeTestRules(dir: string, windows: TestWindows, capacity: PoolCapacity): string[] {
  const scaling = loadRuleFile('shadowfleet-scaling.yml');
  const adapted: RuleFile = {
    groups: scaling.groups.map((g) => ({
      ...g,
      rules: g.rules.map((r) =>
        r.alert === undefined ? r : { ...r, ...(r.for ? { for: windows.activationFor } : {}), ...(r.keep_firing_for ? { keep_firing_for: windows.keepFiringFor } : {}) },
      ),
    })),
  };
  const shippedCapacity = loadRuleFile('shadowfleet-capacity.yml');
  const capacityFile: RuleFile = {
    groups: shippedCapacity.groups.map((g) => ({
      ...g,
      rules: g.rules.map((r) => {
        const value = r.record === 'shadowfleet:pool_serving_capacity:complexity_units_per_second' ? capacity.serving : capacity.perHost;
        return { ...r, expr: `vector(${value})`, labels: { ...r.labels, pool: capacity.pool } };
      }),
    })),
  };
  const files = [path.join(dir, 'shadowfleet-scaling.yml'), path.join(dir, 'shadowfleet-capacity.yml')];
  writeFileSync(files[0], yaml.dump(adapted, { lineWidth: -1 }));
  writeFileSync(files[1], yaml.dump(capacityFile, { lineWidth: -1 }));
  return files;
}

interface AmConfig {
  route: { routes: Array<Record<string, unknown>> };
  receivers: Array<{ name: string; webhook_configs?: Array<{ url: string; http_config: { authorization: Record<string, string> } }> }>;
}

/** The shipped alertmanager.yml with the webhook URL, the token file and the group timings replaced. */
export function testAlertmanagerConfig(webhookUrl: string, tokenFile: string, windows: TestWindows): string {
  const config = yaml.load(readFileSync(alertmanagerConfigFile, 'utf8')) as AmConfig;
  for (const route of config.route.routes) {
    route.group_wait = windows.groupWait;
    route.group_interval = windows.groupInterval;
  }
  for (const receiver of config.receivers) {
    for (const hook of receiver.webhook_configs ?? []) {
      hook.url = webhookUrl;
      hook.http_config.authorization.credentials_file = tokenFile;
    }
  }
  return yaml.dump(config, { lineWidth: -1 });
}
