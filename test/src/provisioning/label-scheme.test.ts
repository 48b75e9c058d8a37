import { ACTION_LABEL, mapAlert, type Alert } from '@shadowfleet/alertmanager-webhook';
import { loadRuleFile, scalingAlerts, type RuleDef } from './rule-files';

/** Renders the two template references the rules use, as Prometheus would for one alert. */
function render(template: string, value: string, labels: Record<string, string>): string {
  return template.replace(/\{\{\s*\$value\s*\}\}/g, value).replace(/\{\{\s*\$labels\.(\w+)\s*\}\}/g, (_m, k: string) => labels[k] ?? '');
}

function alertFrom(rule: RuleDef, pool: string, value: string): Alert {
  const labels = { alertname: rule.alert!, pool, ...rule.labels };
  const annotations = Object.fromEntries(Object.entries(rule.annotations ?? {}).map(([k, v]) => [k, render(v, value, labels)]));
  return { status: 'firing', labels, annotations, startsAt: '2026-11-27T17:26:27.817Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus:9090/graph', fingerprint: '0123456789abcdef' };
}

/** The pools the shipped capacity file declares. */
const pools = new Set(loadRuleFile('shadowfleet-capacity.yml').groups.flatMap((g) => g.rules.map((r) => r.labels?.pool ?? '')));

describe('the scaling alerts speak the webhook label scheme', () => {
  const actionAlerts = scalingAlerts().filter((r) => r.labels?.[ACTION_LABEL]);

  it('declares pools', () => {
    expect([...pools]).toEqual(['web']);
  });

  it('maps ShadowfleetActivateShadowHosts to activate_shadow of $value hosts, tier 3', () => {
    const rule = actionAlerts.find((r) => r.alert === 'ShadowfleetActivateShadowHosts')!;
    expect(mapAlert(alertFrom(rule, 'web', '2'), pools)).toEqual({ ok: true, request: { action: 'activate_shadow', pool: 'web', tier: 3, amount: { count: 2 } } });
  });

  it('maps ShadowfleetPredictiveScaleUp to scale_to the recommended hosts, tier 2', () => {
    const rule = actionAlerts.find((r) => r.alert === 'ShadowfleetPredictiveScaleUp')!;
    expect(mapAlert(alertFrom(rule, 'web', '8'), pools)).toEqual({ ok: true, request: { action: 'scale_to', pool: 'web', tier: 2, amount: { target: 8 } } });
  });

  it.each(actionAlerts.map((r) => [r.alert!, r] as const))('%s keeps amounts out of the labels (stable fingerprint)', (_name, rule) => {
    expect(Object.keys(rule.labels ?? {})).not.toEqual(expect.arrayContaining(['count']));
    expect(Object.keys(rule.labels ?? {})).not.toEqual(expect.arrayContaining(['target']));
  });

  it('the forecast-missing alert is skipped by the webhook as not its own', () => {
    const rule = scalingAlerts().find((r) => r.alert === 'ShadowfleetForecastMissing')!;
    expect(mapAlert(alertFrom(rule, 'web', '1'), pools)).toMatchObject({ ok: false, reason: 'not_shadowfleet' });
  });
});
