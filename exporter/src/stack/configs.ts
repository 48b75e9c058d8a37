import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths';

/** The shipped provisioning (provisioning/), used as is by the local stack. */
export const provisioningDir = path.join(repoRoot, 'provisioning');
export const shippedRulesGlob = path.join(provisioningDir, 'prometheus', 'rules', '*.yml');
export const shippedAlertmanagerConfig = path.join(provisioningDir, 'alertmanager', 'alertmanager.yml');

/** What the shipped alertmanager.yml says for the compose network, replaced for loopback. */
export const COMPOSE_WEBHOOK_URL = 'http://webhook:9095/webhook';
export const COMPOSE_TOKEN_FILE = '/run/secrets/webhook_token';

export interface StackAddresses {
  readonly exporter: string;
  readonly webhook?: string;
  readonly alertmanager?: string;
  readonly prometheus: string;
}

/** prometheus.yml for the local stack (JSON is valid YAML): the shipped rules, loopback targets. */
export function localPrometheusConfig(a: StackAddresses, timing: { scrape: string; evaluation: string; ruleFiles: readonly string[] } = { scrape: '5s', evaluation: '5s', ruleFiles: [shippedRulesGlob] }): string {
  const job = (name: string, target: string) => ({ job_name: name, static_configs: [{ targets: [target] }] });
  const config = {
    global: { scrape_interval: timing.scrape, evaluation_interval: timing.evaluation },
    rule_files: timing.ruleFiles,
    ...(a.alertmanager ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [a.alertmanager] }] }] } } : {}),
    scrape_configs: [
      job('shadowfleet-exporter', a.exporter),
      ...(a.webhook ? [job('shadowfleet-webhook', a.webhook)] : []),
      ...(a.alertmanager ? [job('alertmanager', a.alertmanager)] : []),
      job('prometheus', a.prometheus),
    ],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** The shipped alertmanager.yml with the webhook URL and token file pointed at the local webhook. */
export function localAlertmanagerConfig(webhookUrl: string, tokenFile: string, shipped: string = readFileSync(shippedAlertmanagerConfig, 'utf8')): string {
  for (const expected of [COMPOSE_WEBHOOK_URL, COMPOSE_TOKEN_FILE]) {
    if (!shipped.includes(expected)) throw new Error(`${shippedAlertmanagerConfig} no longer contains "${expected}"; update exporter/src/stack/configs.ts to match it`);
  }
  return shipped.split(COMPOSE_WEBHOOK_URL).join(webhookUrl).split(COMPOSE_TOKEN_FILE).join(tokenFile);
}
