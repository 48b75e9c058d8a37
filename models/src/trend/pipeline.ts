import type { Augurs } from './augurs';
import { planShadowFleet } from './plan';
import { trendReport, type TrendReport, type TrendReportOptions } from './report';
import { aggregate, MINUTE_MS } from './series';
import type { RegularSeries, ShadowFleetPlan, ShadowPlanOptions } from './types';

export interface ShadowFleetPipelineOptions {
  /** Forecast step in minutes; the load is averaged over it first, so per-minute noise that does not last
   * that long is not planned for (default 15: the default minimum sustained duration). */
  readonly stepMinutes?: number;
  readonly report?: Omit<TrendReportOptions, 'horizon'>;
  readonly plan: ShadowPlanOptions;
}

export interface ShadowFleetAnalysis {
  readonly report: TrendReport;
  readonly plan: ShadowFleetPlan;
}

export const DEFAULT_STEP_MINUTES = 15;

/**
 * From a per-minute load history to the shadow fleet plan: average over `stepMinutes`, forecast the plan's
 * horizon (MSTL + ETS, intervals at the report level), find peaks and changepoints, plan standby hosts.
 */
export function analyseShadowFleet(augurs: Augurs, perMinute: RegularSeries, options: ShadowFleetPipelineOptions): ShadowFleetAnalysis {
  if (perMinute.stepMs !== MINUTE_MS) throw new Error(`the history must be per minute (step 60000 ms), got ${perMinute.stepMs} ms`);
  const step = options.stepMinutes ?? DEFAULT_STEP_MINUTES;
  if (!Number.isInteger(step) || step < 1 || 60 % step !== 0) throw new Error(`stepMinutes must divide an hour (1, 2, 3, 5, 10, 15, 30 or 60), got ${step}`);
  const series = aggregate(perMinute, step, 'mean');
  const hours = options.plan.horizonHours ?? 168;
  const report = trendReport(augurs, series, { ...options.report, horizon: (hours * 60) / step });
  return { report, plan: planShadowFleet(report.forecast, options.plan) };
}
