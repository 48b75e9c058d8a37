import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { provisioningDir } from '../support/index';

export interface RuleDef {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly keep_firing_for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export interface RuleFile {
  readonly groups: Array<{ name: string; interval?: string; rules: RuleDef[] }>;
}

export const rulesDir = path.join(provisioningDir, 'prometheus', 'rules');
export const alertmanagerConfigFile = path.join(provisioningDir, 'alertmanager', 'alertmanager.yml');

export function loadRuleFile(name: string): RuleFile {
  return yaml.load(readFileSync(path.join(rulesDir, name), 'utf8')) as RuleFile;
}

/** Every alerting rule in the shipped scaling rules. */
export function scalingAlerts(): RuleDef[] {
  return loadRuleFile('shadowfleet-scaling.yml').groups.flatMap((g) => g.rules.filter((r) => r.alert !== undefined));
}
