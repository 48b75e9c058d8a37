import { HOUR_MS, MINUTE_MS } from './series';
import type { ShadowFleetPlan, ShadowPlanHour } from './types';

/**
 * Standby hosts the plan wants at time `atMs`: the larger of the count for the plan hour containing `atMs`
 * and for the hour containing `atMs + leadMinutes` (hosts for the next hour start warming one warm-up time
 * before it, as the plan's warm-up orders say). Undefined when `atMs` is outside the plan's hours.
 */
export function plannedStandbyAt(plan: ShadowFleetPlan, atMs: number, leadMinutes = 0): number | undefined {
  return largestAt(plan, atMs, leadMinutes, (h) => h.standbyHosts);
}

/**
 * The same for the hosts the plan's sustained upper bound needs (ShadowPlanHour.upperHosts); undefined
 * outside the plan or for a plan made before that field existed.
 */
export function plannedUpperHostsAt(plan: ShadowFleetPlan, atMs: number, leadMinutes = 0): number | undefined {
  return largestAt(plan, atMs, leadMinutes, (h) => h.upperHosts);
}

function largestAt(plan: ShadowFleetPlan, atMs: number, leadMinutes: number, field: (h: ShadowPlanHour) => number | undefined): number | undefined {
  if (!Number.isFinite(atMs)) throw new RangeError(`atMs must be a finite time in ms, got ${atMs}`);
  if (!(leadMinutes >= 0)) throw new RangeError(`leadMinutes must be ≥ 0, got ${leadMinutes}`);
  const hourAt = (ms: number): number | undefined => {
    const h = Math.floor((ms - plan.startMs) / HOUR_MS);
    return h >= 0 && h < plan.hours.length ? field(plan.hours[h]) : undefined;
  };
  const now = hourAt(atMs);
  if (now === undefined) return undefined;
  return Math.max(now, hourAt(atMs + leadMinutes * MINUTE_MS) ?? 0);
}
