import { hostsToActivate, sustainedExcess } from './activation';
import { planShadowFleet } from './plan';
import { HOUR_MS, MINUTE_MS } from './series';
import { apportionHosts, seasonalProfileMix } from './templates';
import type { LoadForecast, ShadowTemplate } from './types';

const analytics: ShadowTemplate = { name: 'analytics', stack: 'api+olap', preload: ['cube:sales'], profiles: ['analyst'] };
const general: ShadowTemplate = { name: 'general', stack: 'api', profiles: [] };

/**
 * Three hours of minute forecast: point 100/min throughout; upper 100 except a sustained 300/min over all
 * of hour 1 and a 5-minute 500/min spike in hour 2. With capacity 50: base 2 hosts, the upper bound needs
 * 6 in hour 1 (excess 4) and 10 during the spike (excess 8).
 */
function forecast(): LoadForecast {
  const upper = Array.from({ length: 180 }, (_, m) => (m >= 60 && m < 120 ? 300 : m >= 140 && m < 145 ? 500 : 100));
  return {
    startMs: 10 * HOUR_MS,
    stepMs: MINUTE_MS,
    level: 0.95,
    periods: [1440],
    point: new Array(180).fill(100),
    lower: new Array(180).fill(50),
    upper,
    growth: { slopePerDay: 0, relativePerWeek: 0, days: 0 },
  };
}

const base = { capacityPerHost: 50, coldStartMinutes: 5, horizonHours: 3, templates: [general] };

describe('planShadowFleet', () => {
  test('stands by for the sustained excess of the upper bound, not for the spike', () => {
    const plan = planShadowFleet(forecast(), base);
    expect(plan.hours.map((h) => h.standbyHosts)).toEqual([0, 4, 0]);
    expect(plan.hours.map((h) => h.baseHosts)).toEqual([2, 2, 2]);
    expect(plan.hours[2].upperPeak).toBe(500);
    expect(plan.totals).toEqual({ standbyHostHours: 4, peakStandbyHosts: 4, byTemplateHostHours: { general: 4 } });
    expect(plan.activation.minSustainedMinutes).toBe(15);
  });

  test('each increase becomes a warm-up order one cold start before the hour', () => {
    const plan = planShadowFleet(forecast(), base);
    expect(plan.warmups).toEqual([{ template: 'general', hosts: 4, startWarmingMs: 11 * HOUR_MS - 5 * MINUTE_MS, readyMs: 11 * HOUR_MS }]);
  });

  test('tier-1 headroom reduces the standby count', () => {
    expect(planShadowFleet(forecast(), { ...base, tier1Hosts: 1 }).hours.map((h) => h.standbyHosts)).toEqual([0, 3, 0]);
  });

  test('upper-bound hosts: the point forecast\'s plus the sustained excess, tier 1 counted where the excess lasts', () => {
    expect(planShadowFleet(forecast(), base).hours.map((h) => h.upperHosts)).toEqual([2, 6, 2]);
    expect(planShadowFleet(forecast(), { ...base, tier1Hosts: 1 }).hours.map((h) => h.upperHosts)).toEqual([2, 6, 2]);
    expect(planShadowFleet(forecast(), { ...base, minSustainedMinutes: 0 }).hours.map((h) => h.upperHosts)).toEqual([2, 6, 10]);
  });

  test('with no minimum duration the spike counts too', () => {
    expect(planShadowFleet(forecast(), { ...base, minSustainedMinutes: 0 }).hours.map((h) => h.standbyHosts)).toEqual([0, 4, 8]);
  });

  test('a spike as long as the minimum duration counts', () => {
    expect(planShadowFleet(forecast(), { ...base, minSustainedMinutes: 5 }).hours[2].standbyHosts).toBe(8);
  });

  test('templates follow the predicted profile mix: analyst-heavy hours warm the analytics template', () => {
    const plan = planShadowFleet(forecast(), {
      ...base,
      templates: [analytics, general],
      profileMix: [undefined, { analyst: 0.75, browser: 0.25 }, undefined],
    });
    expect(plan.hours[1].byTemplate).toEqual({ analytics: 3, general: 1 });
    expect(plan.warmups.map((w) => [w.template, w.hosts])).toEqual([
      ['analytics', 3],
      ['general', 1],
    ]);
    expect(plan.totals.byTemplateHostHours).toEqual({ analytics: 3, general: 1 });
  });

  test.each([
    ['capacity', { capacityPerHost: -3 }, 'capacityPerHost must be > 0, got -3'],
    ['cold start', { coldStartMinutes: -1 }, 'coldStartMinutes must be ≥ 0, got -1'],
    ['horizon', { horizonHours: 4 }, 'a 4-hour plan needs 240 forecast steps, the forecast has 180'],
    ['no templates', { templates: [] }, 'templates must declare at least one shadow host template, got none'],
    ['two defaults', { templates: [general, { ...general, name: 'other' }] }, 'at most one template may have no profiles (the default), found 2'],
    ['duplicate name', { templates: [general, general] }, 'template names must be unique, "general" is declared twice'],
  ])('rejects bad %s', (_name, override, message) => {
    expect(() => planShadowFleet(forecast(), { ...base, ...override })).toThrow(message);
  });
});

describe('activation rule', () => {
  test('sustainedExcess removes runs shorter than the window and keeps plateaus', () => {
    expect(sustainedExcess([0, 0, 5, 5, 5, 0, 9, 0], 3)).toEqual([0, 0, 5, 5, 5, 0, 0, 0]);
    expect(sustainedExcess([2, 2, 2, 4, 4, 4, 4, 1], 3)).toEqual([2, 2, 2, 4, 4, 4, 4, 1]);
    expect(sustainedExcess([1, 9, 9, 1], 1)).toEqual([1, 9, 9, 1]);
  });

  test('hostsToActivate: the hosts needed throughout the next window', () => {
    expect(hostsToActivate([3, 3, 3, 0], 3)).toBe(3);
    expect(hostsToActivate([5, 1, 5], 3)).toBe(1);
    expect(hostsToActivate([5, 5], 3)).toBe(0);
    expect(() => hostsToActivate([1], 0)).toThrow('minSteps must be a whole number ≥ 1, got 0');
  });
});

describe('templates', () => {
  const three: ShadowTemplate[] = [
    { name: 'a', stack: 's', profiles: ['pa'] },
    { name: 'b', stack: 's', profiles: ['pb'] },
    { name: 'c', stack: 's', profiles: [] },
  ];

  test('largest remainder, ties to the template declared first', () => {
    expect(apportionHosts(10, three, { pa: 1, pb: 1, pc: 1 })).toEqual({ a: 4, b: 3, c: 3 });
  });

  test('without a mix every host goes to the default template', () => {
    expect(apportionHosts(5, three)).toEqual({ a: 0, b: 0, c: 5 });
  });

  test('seasonalProfileMix averages normalised shares at the same hour of the week', () => {
    const week = 7 * 24 * HOUR_MS;
    const mix = seasonalProfileMix(
      [
        { startMs: 0, mix: { analyst: 3, browser: 1 } },
        { startMs: week, mix: { analyst: 1, browser: 1 } },
      ],
      2 * week,
      2,
    );
    expect(mix[0]).toEqual({ analyst: 0.625, browser: 0.375 });
    expect(mix[1]).toBeUndefined();
  });
});
