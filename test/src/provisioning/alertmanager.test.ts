import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { runTool } from '../support/index';
import { alertmanagerConfigFile, scalingAlerts } from './rule-files';

const AMTOOL = '/usr/bin/amtool';

interface WebhookConfig {
  url: string;
  send_resolved?: boolean;
  http_config?: { authorization?: { type?: string; credentials?: string; credentials_file?: string }; basic_auth?: Record<string, string> };
}
interface AmConfig {
  route: { receiver: string; routes: Array<{ receiver: string; group_wait: string; group_interval: string; repeat_interval: string }> };
  receivers: Array<{ name: string; webhook_configs?: WebhookConfig[] }>;
}

const config = yaml.load(readFileSync(alertmanagerConfigFile, 'utf8')) as AmConfig;

/** `amtool config routes test` with --verify.receivers: exit 0 only if the labels reach that receiver. */
async function routesTo(receiver: string, labels: Record<string, string>): Promise<{ code: number; out: string }> {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  const r = await runTool(AMTOOL, ['config', 'routes', 'test', `--config.file=${alertmanagerConfigFile}`, `--verify.receivers=${receiver}`, ...pairs]);
  return { code: r.code, out: (r.stdout + r.stderr).trim() };
}

jest.setTimeout(60_000);

describe('provisioning/alertmanager', () => {
  it('passes amtool check-config', async () => {
    const r = await runTool(AMTOOL, ['check-config', alertmanagerConfigFile]);
    expect({ code: r.code, out: r.stdout + r.stderr }).toEqual({ code: 0, out: expect.stringContaining('SUCCESS') });
  });

  const actionAlerts = scalingAlerts().filter((a) => a.labels?.shadowfleet_action);
  const otherAlerts = scalingAlerts().filter((a) => !a.labels?.shadowfleet_action);

  it('has scaling alerts of both kinds to route', () => {
    expect(actionAlerts.map((a) => a.alert)).toEqual(['ShadowfleetSetHosts']);
    expect(otherAlerts.map((a) => a.alert)).toEqual(['ShadowfleetStandbyShort', 'ShadowfleetSeveralDeciders', 'ShadowfleetShardPolicyBehind', 'ShadowfleetDecisionsMissing']);
  });

  it.each(actionAlerts.map((a) => [a.alert!, a] as const))('routes %s to the webhook', async (name, rule) => {
    // Templated values (the target, the pool's total) as Prometheus renders them: numbers.
    const labels = Object.fromEntries(Object.entries(rule.labels ?? {}).map(([k, v]) => [k, v.includes('{{') ? '4' : v]));
    expect(await routesTo('shadowfleet-webhook', { alertname: name, pool: 'web', ...labels })).toEqual({ code: 0, out: expect.stringContaining('shadowfleet-webhook') });
  });

  it.each(otherAlerts.map((a) => [a.alert!, a] as const))('keeps %s (no shadowfleet_action) away from the webhook', async (name, rule) => {
    expect(await routesTo('default', { alertname: name, ...rule.labels })).toMatchObject({ code: 0 });
  });

  it('fails the routing check when an alert would reach the wrong receiver', async () => {
    const r = await routesTo('default', { alertname: 'ShadowfleetSetHosts', shadowfleet_action: 'set_hosts', pool: 'web' });
    expect(r.code).not.toBe(0);
  });

  it('sends resolutions, authenticates from a file, and commits no secret', () => {
    const hooks = config.receivers.flatMap((r) => r.webhook_configs ?? []);
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook.send_resolved).toBe(true);
    expect(hook.http_config?.authorization).toEqual({ type: 'Bearer', credentials_file: '/run/secrets/webhook_token' });
    expect(hook.http_config?.basic_auth).toBeUndefined();
  });

  it('uses scaling-friendly timings: prompt first notification, bounded batching, rare repeats', () => {
    const [route] = config.route.routes;
    expect(route).toMatchObject({ receiver: 'shadowfleet-webhook', group_wait: '5s', group_interval: '30s', repeat_interval: '30m' });
  });
});
