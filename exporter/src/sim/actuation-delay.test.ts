import { readFileSync } from 'node:fs';
import { shippedAlertmanagerConfig } from '../stack/configs';
import { deferringCooldowns, runningActuationDelay, shippedActuationDelay, shippedActuationPath, WEBHOOK_RECEIPT_TO_CHANGE_SECONDS } from './actuation-delay';

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
      groupPerSetPoint: true,
      webhookSeconds: WEBHOOK_RECEIPT_TO_CHANGE_SECONDS,
      cooldownSeconds: 30,
    });
  });

  it('is 3 + 7.5 + 7.5 + 0 + 5 + 0.024 s = 0.384 of a 60 s step', () => {
    const d = shippedActuationDelay();
    expect(d.seconds).toBeCloseTo(23.024, 9);
    expect(d.steps).toBeCloseTo(0.3837, 4);
    expect(d.new_group).toBe(true);
    expect(d.cooldown_defers).toBe(false);
  });

  it('warns of a pool cooldown that can defer set-points, and says so in the running delay', () => {
    expect(deferringCooldowns({ web: { cooldownSeconds: 30 } }, 60)).toEqual([]);
    const [warning, ...rest] = deferringCooldowns({ web: { cooldownSeconds: 30 }, api: { cooldownSeconds: 60 } }, 60);
    expect(rest).toEqual([]);
    expect(warning).toBe(
      'pool api: a cooldown of 60 s is longer than the 30 s a change can follow the last one (a 60 s step less the 15 s scrape and 15 s evaluation intervals), so set-points can be deferred and each deferral delays the next; set its cooldownSeconds to at most 30',
    );
    expect(runningActuationDelay({ stepSeconds: 60, cooldownSeconds: 60 }).source).toMatch(/; a lower bound: a cooldown of 60 s is longer than the 30 s/);
    expect(runningActuationDelay({ stepSeconds: 60, cooldownSeconds: 30 }).source).not.toMatch(/lower bound/);
  });

  it('follows a change of the shipped files (group_wait, the rule\'s for:)', () => {
    const am = readFileSync(shippedAlertmanagerConfig, 'utf8').replace('group_wait: 5s', 'group_wait: 20s');
    expect(shippedActuationPath({ alertmanager: am }).groupWaitSeconds).toBe(20);
    const rules = 'groups:\n  - name: g\n    interval: 30s\n    rules:\n      - alert: ShadowfleetSetHosts\n        expr: vector(1)\n        for: 1m\n';
    expect(shippedActuationPath({ rules })).toMatchObject({ ruleForSeconds: 60, evaluationIntervalSeconds: 30 });
    expect(() => shippedActuationPath({ rules: 'groups: []\n' })).toThrow(/has no ShadowfleetSetHosts rule/);
  });

  it('knows whether each set-point has an Alertmanager group of its own from the route\'s group_by', () => {
    const shipped = readFileSync(shippedAlertmanagerConfig, 'utf8');
    const byPool = shipped.replace("group_by: ['...']", "group_by: ['alertname', 'shadowfleet_action', 'pool']");
    expect(byPool).not.toBe(shipped);
    expect(shippedActuationPath({ alertmanager: byPool }).groupPerSetPoint).toBe(false);
    const byTarget = shipped.replace("group_by: ['...']", "group_by: ['alertname', 'pool', 'target']");
    expect(shippedActuationPath({ alertmanager: byTarget }).groupPerSetPoint).toBe(true);
  });
});
