import { plannedStandbyAt, plannedUpperHostsAt } from './plan-lookup';
import { HOUR_MS, MINUTE_MS } from './series';
import type { ShadowFleetPlan } from './types';

const plan = {
  startMs: 5 * HOUR_MS,
  hours: [3, 0, 6].map((standbyHosts, h) => ({ startMs: (5 + h) * HOUR_MS, upperPeak: 0, baseHosts: 10, upperHosts: 10 + standbyHosts, standbyHosts, byTemplate: { general: standbyHosts } })),
} as unknown as ShadowFleetPlan;

describe('planned standby at a time', () => {
  it('reads the hour containing the time, and the next hour within the warm-up lead', () => {
    expect(plannedStandbyAt(plan, 5 * HOUR_MS)).toBe(3);
    expect(plannedStandbyAt(plan, 6 * HOUR_MS + 30 * MINUTE_MS)).toBe(0);
    expect(plannedStandbyAt(plan, 6 * HOUR_MS + 54 * MINUTE_MS, 5)).toBe(0);
    expect(plannedStandbyAt(plan, 6 * HOUR_MS + 55 * MINUTE_MS, 5)).toBe(6);
    expect(plannedStandbyAt(plan, 7 * HOUR_MS + 58 * MINUTE_MS, 5)).toBe(6); // the lead runs past the plan's end
  });

  it('reads the upper-bound hosts the same way; a plan made before they existed has none', () => {
    expect(plannedUpperHostsAt(plan, 6 * HOUR_MS + 55 * MINUTE_MS, 5)).toBe(16);
    expect(plannedUpperHostsAt(plan, 6 * HOUR_MS)).toBe(10);
    const old = { ...plan, hours: plan.hours.map(({ upperHosts: _, ...h }) => h) } as ShadowFleetPlan;
    expect(plannedUpperHostsAt(old, 6 * HOUR_MS)).toBeUndefined();
  });

  it('gives nothing outside the plan, and rejects bad arguments', () => {
    expect(plannedStandbyAt(plan, 5 * HOUR_MS - 1)).toBeUndefined();
    expect(plannedStandbyAt(plan, 8 * HOUR_MS)).toBeUndefined();
    expect(() => plannedStandbyAt(plan, NaN)).toThrow('atMs must be a finite time in ms, got NaN');
    expect(() => plannedStandbyAt(plan, 0, -1)).toThrow('leadMinutes must be ≥ 0, got -1');
  });
});
