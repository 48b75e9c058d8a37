import { forecastAt, type ShadowFleetAnalysis } from '@shadowfleet/models';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Horizons published and printed for the forecast, in minutes. */
export const FORECAST_HORIZONS: ReadonlyArray<{ readonly label: string; readonly minutes: number }> = [
  { label: '15m', minutes: 15 },
  { label: '1h', minutes: 60 },
  { label: '6h', minutes: 360 },
  { label: '1d', minutes: 1440 },
  { label: '7d', minutes: 10080 },
];

/** The analysis as plain JSON (ISO times), as printed by `shadowfleet plan --json` and persisted by the exporter. */
export function analysisJson(a: ShadowFleetAnalysis, generatedAtMs: number): Record<string, unknown> {
  const { report, plan } = a;
  const f = report.forecast;
  return {
    generated_at: iso(generatedAtMs),
    history: { start: iso(report.historyStartMs), steps: report.historySteps, step_minutes: f.stepMs / 60_000 },
    forecast: {
      start: iso(f.startMs),
      step_minutes: f.stepMs / 60_000,
      level: f.level,
      periods_steps: f.periods,
      interval_cap: f.intervalCap ?? null,
      growth: f.growth,
      unit: 'requests per minute (mean over the step)',
      horizons: FORECAST_HORIZONS.map((h) => ({ horizon: h.label, ...forecastAt(f, h.minutes) })).filter((h) => h.point !== undefined),
    },
    peaks: {
      daily: report.dailyPeaks,
      weekly: report.weeklyPeaks,
      next_peak_start: report.nextPeakStartMs === undefined ? null : iso(report.nextPeakStartMs),
      upcoming: report.forecastPeaks.map((p) => ({ start: iso(p.startMs), end: iso(p.endMs), height: p.height })),
    },
    changepoints: report.changepoints.map((c) => ({ at: iso(c.atMs), mean_before: c.meanBefore, mean_after: c.meanAfter, relative_change: c.relativeChange })),
    plan: {
      start: iso(plan.startMs),
      capacity_per_host: plan.capacityPerHost,
      cold_start_min: plan.coldStartMinutes,
      tier1_hosts: plan.tier1Hosts,
      level: plan.level,
      activation: plan.activation,
      totals: plan.totals,
      hours: plan.hours.map((h) => ({ start: iso(h.startMs), upper_peak: h.upperPeak, base_hosts: h.baseHosts, standby_hosts: h.standbyHosts, by_template: h.byTemplate })),
      warmups: plan.warmups.map((w) => ({ template: w.template, hosts: w.hosts, start_warming: iso(w.startWarmingMs), ready: iso(w.readyMs) })),
    },
  };
}
