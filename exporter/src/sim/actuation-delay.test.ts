import { readFileSync } from 'node:fs';
import { shippedAlertmanagerConfig } from '../stack/configs';
import { shippedActuationDelay, shippedActuationPath, WEBHOOK_RECEIPT_TO_CHANGE_SECONDS } from './actuation-delay';

describe('the actuation delay derived from the shipped configuration', () => {
  it('reads every part of the path from provisioning/', () => {
    expect(shippedActuationPath()).toEqual({
      stepSeconds: 60,
      decisionOffsetShare: 0.05,
      scrapeIntervalSeconds: 15,
      evaluationIntervalSeconds: 15,
      ruleForSeconds: 0,
      groupWaitSeconds: 5,
      groupIntervalSeconds: 30,
      webhookSeconds: WEBHOOK_RECEIPT_TO_CHANGE_SECONDS,
      cooldownSeconds: 60,
    });
  });

  it('is 3 + 7.5 + 7.5 + 0 + 5 + 0.024 s = 0.384 of a 60 s step', () => {
    const d = shippedActuationDelay();
    expect(d.seconds).toBeCloseTo(23.024, 9);
    expect(d.steps).toBeCloseTo(0.3837, 4);
    expect(d.new_group).toBe(true);
  });

  it('follows a change of the shipped files (group_wait, the rule\'s for:)', () => {
    const am = readFileSync(shippedAlertmanagerConfig, 'utf8').replace('group_wait: 5s', 'group_wait: 20s');
    expect(shippedActuationPath({ alertmanager: am }).groupWaitSeconds).toBe(20);
    const rules = 'groups:\n  - name: g\n    interval: 30s\n    rules:\n      - alert: ShadowfleetSetHosts\n        expr: vector(1)\n        for: 1m\n';
    expect(shippedActuationPath({ rules })).toMatchObject({ ruleForSeconds: 60, evaluationIntervalSeconds: 30 });
    expect(() => shippedActuationPath({ rules: 'groups: []\n' })).toThrow(/has no ShadowfleetSetHosts rule/);
  });
});
