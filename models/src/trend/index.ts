// Trend analysis and the shadow fleet plan. Only re-exports live here; see each file for details.
//
// Forecasting needs @bsull/augurs (ESM + wasm): the caller reads its .wasm bytes — `await loadAugurs(readFileSync)`,
// or the exporter's own loadAugurs() — once, then passes it to
// forecastLoad / trendReport / detectChangepoints / analyseShadowFleet. Everything else is pure and synchronous.
//
// For the simulator and the resource manager:
//   const { report, plan } = analyseShadowFleet(augurs, perMinuteHistory, { plan: { capacityPerHost, coldStartMinutes, templates } });
//   plan.hours[h].standbyHosts / .byTemplate   standby hosts to have ready during coming hour h
//   plan.warmups                               when to start warming how many hosts of which template
//   hostsToActivate(predictedExcess, minSteps) the activation rule (only sustained excess activates)
//   report.forecast.point / lower / upper      the load forecast behind it (15-minute steps by default)
export * from './types';
export { loadAugurs, loadAugursSync, type Augurs, type ReadBytes } from './augurs';
export { forecastLoad, seasonalNaiveBand, DEFAULT_LEVEL } from './forecast';
export { growthRate, dailyMeans } from './growth';
export { toRegularSeries, aggregate, defaultPeriods, fillGaps, MINUTE_MS, HOUR_MS, DAY_MS, WEEK_MS } from './series';
export { recurringPeaks, forecastPeaks, nextPeakStart, type PeakOptions } from './peaks';
export { detectChangepoints, type ChangepointOptions } from './changepoints';
export { planShadowFleet, DEFAULT_MIN_SUSTAINED_MINUTES, DEFAULT_PLAN_HOURS } from './plan';
export { plannedStandbyAt, plannedUpperHostsAt } from './plan-lookup';
export { sustainedExcess, hostsToActivate } from './activation';
export { apportionHosts, validateTemplates, defaultTemplate, seasonalProfileMix, type ObservedMix } from './templates';
export { trendReport, forecastAt, DEFAULT_MAX_HISTORY_DAYS, type TrendReport, type TrendReportOptions } from './report';
export { analyseShadowFleet, DEFAULT_STEP_MINUTES, type ShadowFleetPipelineOptions, type ShadowFleetAnalysis } from './pipeline';
