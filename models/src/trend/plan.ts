import { sustainedExcess } from './activation';
import { HOUR_MS, MINUTE_MS } from './series';
import { apportionHosts, validateTemplates } from './templates';
import type { LoadForecast, ShadowFleetPlan, ShadowPlanHour, ShadowPlanOptions, WarmupOrder } from './types';

export const DEFAULT_MIN_SUSTAINED_MINUTES = 15;
export const DEFAULT_PLAN_HOURS = 168;

function check(name: string, value: number, ok: boolean, rule: string): void {
  if (!ok) throw new Error(`${name} must be ${rule}, got ${value}`);
}

/**
 * The shadow fleet plan for the coming hours (pure).
 *
 * Per forecast step: the hosts the upper bound needs, ceil(upper / capacity), minus what tiers 1 and 2
 * bring in time — the hosts the point forecast needs (tier 2 launches them a cold start ahead, since the
 * forecast is known) and tier 1's instant headroom. That excess is what a load at the upper bound would
 * leave unserved for a whole cold start; only the part that lasts `minSustainedMinutes` counts (see
 * sustainedExcess). An hour's standby count is the largest sustained excess inside it; it is split over
 * templates by the predicted profile mix, and every increase becomes a warm-up order that starts one cold
 * start (the warm-up time) before the hour.
 */
export function planShadowFleet(forecast: LoadForecast, options: ShadowPlanOptions): ShadowFleetPlan {
  const { capacityPerHost: capacity, coldStartMinutes: coldStart } = options;
  const tier1 = options.tier1Hosts ?? 0;
  const minSustained = options.minSustainedMinutes ?? DEFAULT_MIN_SUSTAINED_MINUTES;
  const hours = options.horizonHours ?? DEFAULT_PLAN_HOURS;
  check('capacityPerHost', capacity, capacity > 0 && Number.isFinite(capacity), '> 0');
  check('coldStartMinutes', coldStart, coldStart >= 0 && Number.isFinite(coldStart), '≥ 0');
  check('tier1Hosts', tier1, tier1 >= 0 && Number.isFinite(tier1), '≥ 0');
  check('minSustainedMinutes', minSustained, minSustained >= 0 && Number.isFinite(minSustained), '≥ 0');
  check('horizonHours', hours, Number.isInteger(hours) && hours >= 1, 'a whole number ≥ 1');
  validateTemplates(options.templates);
  const stepsPerHour = HOUR_MS / forecast.stepMs;
  if (!Number.isInteger(stepsPerHour)) throw new Error(`the forecast step must divide an hour, got ${forecast.stepMs} ms`);
  const steps = hours * stepsPerHour;
  if (forecast.upper.length < steps || forecast.point.length < steps) {
    throw new Error(`a ${hours}-hour plan needs ${steps} forecast steps, the forecast has ${forecast.upper.length}; forecast further or plan fewer hours`);
  }

  const base = forecast.point.slice(0, steps).map((v) => Math.ceil(v / capacity));
  const excess = forecast.upper.slice(0, steps).map((v, i) => Math.max(0, Math.ceil(v / capacity) - base[i] - tier1));
  const minSteps = Math.max(1, Math.ceil((minSustained * MINUTE_MS) / forecast.stepMs));
  const sustained = sustainedExcess(excess, minSteps);

  const planHours: ShadowPlanHour[] = [];
  for (let h = 0; h < hours; h++) {
    const from = h * stepsPerHour;
    const to = from + stepsPerHour;
    const standbyHosts = Math.max(...sustained.slice(from, to));
    planHours.push({
      startMs: forecast.startMs + h * HOUR_MS,
      upperPeak: Math.max(...forecast.upper.slice(from, to)),
      baseHosts: Math.max(...base.slice(from, to)),
      upperHosts: Math.max(...sustained.slice(from, to).map((x, i) => base[from + i] + (x > 0 ? tier1 + x : 0))),
      standbyHosts,
      byTemplate: apportionHosts(standbyHosts, options.templates, options.profileMix?.[h]),
    });
  }

  const warmups: WarmupOrder[] = [];
  const byTemplateHostHours: Record<string, number> = {};
  for (const t of options.templates) {
    let previous = 0;
    byTemplateHostHours[t.name] = 0;
    for (const hour of planHours) {
      const now = hour.byTemplate[t.name];
      if (now > previous) {
        warmups.push({ template: t.name, hosts: now - previous, startWarmingMs: hour.startMs - coldStart * MINUTE_MS, readyMs: hour.startMs });
      }
      byTemplateHostHours[t.name] += now;
      previous = now;
    }
  }
  warmups.sort((a, b) => a.startWarmingMs - b.startWarmingMs);

  return {
    startMs: forecast.startMs,
    level: forecast.level,
    capacityPerHost: capacity,
    coldStartMinutes: coldStart,
    tier1Hosts: tier1,
    activation: {
      minSustainedMinutes: minSustained,
      description:
        `activate standby hosts only for a predicted excess over serving + tier-1 capacity that lasts at least ` +
        `${minSustained} minutes (hostsToActivate); shorter spikes are left to tier 1 and cold starts`,
    },
    hours: planHours,
    warmups,
    totals: {
      standbyHostHours: planHours.reduce((a, h) => a + h.standbyHosts, 0),
      peakStandbyHosts: Math.max(0, ...planHours.map((h) => h.standbyHosts)),
      byTemplateHostHours,
    },
  };
}
