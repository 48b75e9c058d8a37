import { aggregate, analyseShadowFleet, seasonalProfileMix, trendReport, type ObservedMix, type RegularSeries, type ShadowFleetAnalysis, type TrendReport } from '@shadowfleet/models';
import { loadAugurs } from './augurs';
import type { TrendSettings } from './settings';

/** Capacity per host when none is configured: the history's peak minute needs 100 hosts (BENCHMARKS.md §1). */
export function defaultCapacityOf(history: RegularSeries): number {
  let max = 0;
  for (const v of history.values) max = Math.max(max, v);
  return max > 0 ? max / 100 : 1;
}

/** The request-rate analysis and plan, and the complexity-load forecast when a complexity history was given. */
export interface TrendAnalysis extends ShadowFleetAnalysis {
  readonly complexity?: TrendReport;
}

/**
 * Runs the whole trend analysis and plan for a per-minute request history with the given settings; a
 * per-minute complexity-load history (same clock) is forecast the same way, at the same step and horizon.
 * An observed profile mix (requests per profile per hour) predicts each plan hour's mix by hour of week,
 * which splits that hour's standby hosts over the templates.
 */
export async function analyseWithSettings(history: RegularSeries, settings: TrendSettings, complexity?: RegularSeries, mix?: readonly ObservedMix[]): Promise<TrendAnalysis> {
  const augurs = await loadAugurs();
  const complexityReport = complexity
    ? trendReport(augurs, aggregate(complexity, settings.stepMinutes, 'mean'), {
        level: settings.level,
        maxHistoryDays: settings.maxHistoryDays,
        horizon: (settings.horizonHours * 60) / settings.stepMinutes,
      })
    : undefined;
  const requests = analyseShadowFleet(augurs, history, {
    stepMinutes: settings.stepMinutes,
    report: { level: settings.level, maxHistoryDays: settings.maxHistoryDays },
    plan: {
      capacityPerHost: settings.capacityPerHost ?? defaultCapacityOf(history),
      coldStartMinutes: settings.coldStartMinutes,
      tier1Hosts: settings.tier1Hosts,
      minSustainedMinutes: settings.minSustainedMinutes,
      horizonHours: settings.horizonHours,
      templates: settings.templates,
      profileMix: mix && mix.length > 0 ? seasonalProfileMix(mix, history.startMs + history.values.length * history.stepMs, settings.horizonHours) : undefined,
    },
  });
  return complexityReport ? { ...requests, complexity: complexityReport } : requests;
}
