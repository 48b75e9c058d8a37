import { analyseShadowFleet, loadAugurs, type RegularSeries, type ShadowFleetAnalysis } from '@shadowfleet/models';
import type { TrendSettings } from './settings';

/** Capacity per host when none is configured: the history's peak minute needs 100 hosts (BENCHMARKS.md §1). */
export function defaultCapacityOf(history: RegularSeries): number {
  let max = 0;
  for (const v of history.values) max = Math.max(max, v);
  return max > 0 ? max / 100 : 1;
}

/** Runs the whole trend analysis and plan for a per-minute history with the given settings. */
export async function analyseWithSettings(history: RegularSeries, settings: TrendSettings): Promise<ShadowFleetAnalysis> {
  const augurs = await loadAugurs();
  return analyseShadowFleet(augurs, history, {
    stepMinutes: settings.stepMinutes,
    report: { level: settings.level, maxHistoryDays: settings.maxHistoryDays },
    plan: {
      capacityPerHost: settings.capacityPerHost ?? defaultCapacityOf(history),
      coldStartMinutes: settings.coldStartMinutes,
      tier1Hosts: settings.tier1Hosts,
      minSustainedMinutes: settings.minSustainedMinutes,
      horizonHours: settings.horizonHours,
      templates: settings.templates,
    },
  });
}
