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

/** Writes the shipped scaling rules with test windows into `dir` (no capacity file: capacities come from the exporter). */
export function writeTestRules(dir: string, windows: TestWindows): string[] {
  const scaling = loadRuleFile('shadowfleet-scaling.yml');
  const adapted: RuleFile = {
    groups: scaling.groups.map((g) => ({
      ...g,
      rules: g.rules.map((r) =>
        r.alert === undefined ? r : { ...r, ...(r.for ? { for: windows.activationFor } : {}), ...(r.keep_firing_for ? { keep_firing_for: windows.keepFiringFor } : {}) },
      ),
    })),
  };
  const file = path.join(dir, 'shadowfleet-scaling.yml');
  writeFileSync(file, yaml.dump(adapted, { lineWidth: -1 }));
  return [file];
}

/**
 * A pool model (provisioning/pools.json's format) for the test's HAProxy pool, written into `dir`: the
 * exporter reads it through SHADOWFLEET_POOLS_FILE and the webhook gets the same pools from it.
 */
export function writeTestPoolModel(dir: string, pool: { name: string; socket: string; backend: string; servers: readonly string[]; min: number; hostCapacity: number; stepSeconds: number; cooldownSeconds: number }): string {
  const file = path.join(dir, 'pools.json');
  const model = {
    complexityUnit: 'kib',
    pools: {
      [pool.name]: {
        driver: 'haproxy',
        options: { socket: pool.socket, backend: pool.backend, servers: [...pool.servers], drainTimeoutSeconds: 1 },
        min: pool.min,
        max: pool.servers.length,
        hostCapacity: pool.hostCapacity,
        // Test-scale lead times: the shadow servers are in maintenance, ready within one decision step.
        coldStartSeconds: 5 * pool.stepSeconds,
        activationSeconds: pool.stepSeconds,
        standbyCost: 0.1,
        cooldownSeconds: pool.cooldownSeconds,
      },
    },
  };
  writeFileSync(file, JSON.stringify(model, null, 2));
  return file;
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
