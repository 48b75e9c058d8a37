import { ACTION_LABEL, mapAlert, type Alert } from '@shadowfleet/alertmanager-webhook';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePoolModel } from '@shadowfleet/models';
import { provisioningDir } from '../support/index';
import { scalingAlerts, type RuleDef } from './rule-files';

/**
 * Renders the template references the rules use, as Prometheus would for one alert: `$value`, `$labels.X`,
 * and a `query` block (`{{ with … | query }}{{ . | first | value }}{{ end }}`, possibly inside further
 * `{{ with … | query }}` guards, taken as met) as the value it reads, `queried` (promtool's
 * set-hosts-total.test.yml checks the real rendering, guards included).
 */
function render(template: string, value: string, labels: Record<string, string>, queried = ''): string {
  return template
    .replace(/(?:\{\{ with .*?\| query \}\})+\{\{ \. \| first \| value \}\}(?:\{\{ end \}\})+/g, queried)
    .replace(/\{\{\s*\$value\s*\}\}/g, value)
    .replace(/\{\{\s*\$labels\.(\w+)\s*\}\}/g, (_m, k: string) => labels[k] ?? '');
}

function alertFrom(rule: RuleDef, pool: string, value: string, seriesLabels: Record<string, string> = {}, queried = ''): Alert {
  const rendered = Object.entries({ alertname: rule.alert!, pool, ...seriesLabels, ...rule.labels }).map(([k, v]) => [k, render(v, value, { pool, ...seriesLabels }, queried)]);
  // Prometheus drops a label whose value renders empty.
  const labels = Object.fromEntries(rendered.filter(([, v]) => v !== ''));
  const annotations = Object.fromEntries(Object.entries(rule.annotations ?? {}).map(([k, v]) => [k, render(v, value, labels)]));
  return { status: 'firing', labels, annotations, startsAt: '2026-11-27T17:26:27.817Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus:9090/graph', fingerprint: '0123456789abcdef' };
}

/** The pools of the shipped pool model (provisioning/pools.json), the one the exporter and the webhook read. */
const pools = new Set(Object.keys(parsePoolModel(JSON.parse(readFileSync(path.join(provisioningDir, 'pools.json'), 'utf8'))).pools));

describe('the scaling alerts speak the webhook label scheme', () => {
  const actionAlerts = scalingAlerts().filter((r) => r.labels?.[ACTION_LABEL]);

  it('the pool model declares pools', () => {
    expect([...pools]).toEqual(['web']);
  });

  it('maps ShadowfleetSetHosts to set_hosts with the target from its label and the tier of the series', () => {
    const rule = actionAlerts.find((r) => r.alert === 'ShadowfleetSetHosts')!;
    expect(rule.labels).toMatchObject({ shadowfleet_action: 'set_hosts', target: '{{ $value }}' });
    // The tier comes from the series (shadowfleet_desired_serving_hosts{tier}), not from the rule.
    expect(mapAlert(alertFrom(rule, 'web', '8', { tier: '3' }), pools)).toEqual({ ok: true, request: { action: 'set_hosts', pool: 'web', tier: 3, amount: { target: 8 } } });
  });

  it("carries the decision's total as pool_hosts, read from shadowfleet:desired_pool_hosts of the alert's pool", () => {
    const rule = actionAlerts.find((r) => r.alert === 'ShadowfleetSetHosts')!;
    expect(rule.labels?.pool_hosts).toContain('shadowfleet:desired_pool_hosts{pool=%q}');
    expect(mapAlert(alertFrom(rule, 'web', '8', { tier: '3' }, '11'), pools)).toEqual({ ok: true, request: { action: 'set_hosts', pool: 'web', tier: 3, amount: { target: 8 }, poolHosts: 11 } });
  });

  it('puts the target in a label, so that a new target is a new alert (Alertmanager does not resend a changed annotation)', () => {
    const rule = actionAlerts.find((r) => r.alert === 'ShadowfleetSetHosts')!;
    expect(alertFrom(rule, 'web', '4').labels.target).toBe('4');
    expect(alertFrom(rule, 'web', '5').labels.target).toBe('5');
  });

  it.each(['ShadowfleetDecisionsMissing', 'ShadowfleetStandbyShort', 'ShadowfleetShardPolicyBehind'])('%s is skipped by the webhook as not its own', (name) => {
    const rule = scalingAlerts().find((r) => r.alert === name)!;
    expect(mapAlert(alertFrom(rule, 'web', '1'), pools)).toMatchObject({ ok: false, reason: 'not_shadowfleet' });
  });
});
