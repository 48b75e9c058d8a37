import yaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PoolDefinition } from '@shadowfleet/models';
import { provisioningDir } from '../stack/configs';
import { checkSpeed, parseDuration, scaledAlertmanager, scaledPool, scaledPrometheusIntervals, scaledRules, scaleDuration, shippedScalingRules } from './time-scale';

type Rule = { alert?: string; expr: string; for?: string; keep_firing_for?: string };

describe('time scaling: every shipped delay divided by the speed, nothing else changed', () => {
  it('reads and scales Prometheus durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('5 minutes')).toThrow('is not a Prometheus duration');
    expect(scaleDuration('15m', 60)).toBe('15000ms');
    expect(scaleDuration('5s', 60)).toBe('83ms');
    expect(scaleDuration('0s', 60)).toBe('0s');
  });

  it('scales every for: of the shipped rules and keeps their expressions', () => {
    const shipped = (yaml.load(readFileSync(shippedScalingRules, 'utf8')) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap((g) => g.rules);
    const scaled = (yaml.load(scaledRules(60)) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap((g) => g.rules);
    expect(scaled.map((r) => r.expr)).toEqual(shipped.map((r) => r.expr));
    for (const [i, r] of shipped.entries()) {
      if (r.for) expect(parseDuration(scaled[i].for!)).toBe(Math.round(parseDuration(r.for) / 60));
      else expect(scaled[i].for).toBeUndefined();
    }
    expect(shipped.some((r) => r.for)).toBe(true);
  });

  it("scales Alertmanager's group_wait, group_interval and repeat_interval of every route", () => {
    const config = yaml.load(scaledAlertmanager(60)) as { route: { routes: Array<Record<string, string>> } };
    expect(config.route.routes[0]).toMatchObject({ group_wait: '83ms', group_interval: '500ms', repeat_interval: '30000ms' });
  });

  it("scales Prometheus' shipped scrape and evaluation intervals", () => {
    expect(scaledPrometheusIntervals(60)).toEqual({ scrape: '250ms', evaluation: '250ms' });
  });

  it('scales lead times, cooldown and drain down and capacity per second up', () => {
    const pool = Object.values((JSON.parse(readFileSync(path.join(provisioningDir, 'pools.json'), 'utf8')) as { pools: Record<string, PoolDefinition> }).pools)[0];
    const s = scaledPool(pool, 60);
    expect(s).toMatchObject({ coldStartSeconds: 5, activationSeconds: 1, cooldownSeconds: 0.5, hostCapacity: pool.hostCapacity! * 60 });
    expect((s.options as { drainTimeoutSeconds: number }).drainTimeoutSeconds).toBe(0.5);
  });

  it('keeps the decision interval a whole number of seconds', () => {
    expect(checkSpeed(30)).toBe(30);
    expect(() => checkSpeed(0)).toThrow('--speed must divide 60');
  });
});
