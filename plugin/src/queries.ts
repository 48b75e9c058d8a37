/**
 * Every PromQL expression the app and the provisioned dashboards (provisioning/grafana/dashboards)
 * show, in one place; src/queries.test.ts holds them equal. `$__rate_interval` is Grafana's; the
 * app fills it in the same way (api/prometheus.ts withRateInterval).
 */
/** What actually arrived, requests per second (the accuracy queries compare each forecast with it). */
const ACTUAL = 'sum(rate(shadowfleet_events_ingested_total[$__rate_interval]))';
/** One bound of the forecast made `$horizon` earlier for the time it is evaluated at. */
const made = (bound: string) => `max(shadowfleet_forecast_requests{horizon="$horizon",bound="${bound}"} offset $horizon)`;

export const QUERIES = {
  /** Units per pool and state as the webhook last observed them (active serves, standby is warm). */
  poolUnits: 'sum by (pool, state) (shadowfleet_webhook_pool_units{pool=~"$pool"})',
  /** Scaling intents waiting to run (hosts being brought up or scheduled back). */
  intentsQueued: 'sum(shadowfleet_webhook_intents_queued)',
  /** Serving hosts each tier wants now, per pool (the resource manager's latest decision). */
  recommendedHosts: 'max by (tier, pool) (shadowfleet_desired_hosts{pool=~"$pool"})',
  /** The 15-minute-ahead forecast, shifted by 15 minutes so each point lines up with what actually happened. */
  forecast15mShifted: 'max by (bound) (shadowfleet_forecast_requests{horizon="15m"} offset 15m)',
  /** What actually arrived: events ingested per second. */
  actualRequests: ACTUAL,
  /** The forecast made `$horizon` earlier (point and interval), so it lines up with what then happened. */
  forecastShiftedByHorizon: 'max by (bound) (shadowfleet_forecast_requests{horizon="$horizon"} offset $horizon)',
  /** Interval coverage: the share of minutes in the range whose actual rate fell inside the forecast interval made `$horizon` earlier. */
  forecastCoverage: `avg_over_time(((${ACTUAL} >= bool on () ${made('lower')}) * (${ACTUAL} <= bool on () ${made('upper')}))[$__range:1m])`,
  /** Mean absolute error of the point forecast made `$horizon` earlier, relative to the actual rate (minutes with traffic). */
  forecastError: `avg_over_time((abs(${ACTUAL} - on () ${made('point')}) / on () (${ACTUAL} > 0))[$__range:1m])`,
  /** Minutes in the range with both an actual rate and a forecast made `$horizon` earlier (what the two above are computed over). */
  forecastMinutesCompared: `count_over_time((${ACTUAL} and on () ${made('point')})[$__range:1m])`,
  /**
   * Per pool: the load tier 2 sized for at the latest decision (kind: quantile, point, behaviour), and the load
   * the pool's manager observed in its last step (the events the pool serves), per second in the pool model's
   * complexity unit. The only forecast with a pool label: the forecasts above are the site's.
   */
  poolForecastSizedFor: 'max by (pool, kind) (shadowfleet_decision_forecast_per_second{pool=~"$pool"})',
  poolLoadObserved: 'max by (pool) (shadowfleet_pool_load_per_second{pool=~"$pool"})',
  /** The pool model's complexity unit (e.g. kib), on every pool's info series. */
  complexityUnit: 'max by (complexity_unit) (shadowfleet_pool_info)',
  /** Predicted complexity load per horizon. */
  complexityByHorizon: 'max by (horizon) (shadowfleet_predicted_complexity_load)',
  /** The forecast request rate per horizon (point and interval bounds). */
  forecastByHorizon: 'max by (horizon, bound) (shadowfleet_forecast_requests)',
  /** Start of the next forecast peak, in milliseconds (Grafana's dateTime units). */
  nextPeakMs: 'max(shadowfleet_next_peak_start_timestamp_seconds) * 1000',
  forecastGeneratedMs: 'max(shadowfleet_forecast_generated_timestamp_seconds) * 1000',
  growthPerWeek: 'max(shadowfleet_forecast_growth_ratio_per_week)',
  /** Users per behavioural profile. */
  profileUsers: 'sum by (profile, name) (shadowfleet_profile_users)',
  /** Users that moved between profiles at the last rebuild. */
  profileTransitions: 'max by (from, to) (shadowfleet_profile_transition_users)',
  /** Standby hosts the shadow fleet plan wants ready now, per template. */
  shadowTarget: 'max by (template) (shadowfleet_shadow_fleet_target_hosts)',
  /** Warming and activation history: finished scaling actions per pool, action and outcome. */
  actionsHistory: 'sum by (pool, action, outcome) (max_over_time(shadowfleet_webhook_actions_total{pool=~"$pool"}[$__rate_interval]) - min_over_time(shadowfleet_webhook_actions_total{pool=~"$pool"}[$__rate_interval]))',
  /** The scaling rule carrying each target to the webhook (provisioning/prometheus/rules): 1 while pending or firing. */
  scalingAlerts: 'max by (pool, tier, target, alertstate) (ALERTS{alertname="ShadowfleetSetHosts",pool=~"$pool"})',
  /** The webhook's finished actions as counted since it started (the chain reads their steps, including a series' first one, which increase() cannot see). */
  webhookActionsCounted: 'sum by (pool, action, outcome) (shadowfleet_webhook_actions_total{pool=~"$pool"})',
  /** Serving hosts each tier wants (issue 12: tier 1 reactive, 2 predictive, 3 shadow). */
  desiredByTier: 'max by (tier) (shadowfleet_desired_hosts{pool=~"$pool"})',
  /** Standby (shadow) hosts the manager wants. */
  desiredStandby: 'sum(shadowfleet_desired_standby_hosts{pool=~"$pool"})',
  /** Hosts serving now, as the webhook observes its pools. */
  servingHosts: 'sum(shadowfleet_webhook_pool_units{state="active",pool=~"$pool"})',
  /** Warm standby hosts now, as the webhook observes its pools. */
  standbyHosts: 'sum(shadowfleet_webhook_pool_units{state="standby",pool=~"$pool"})',
  /** KPIs per HAProxy backend: utilisation, response time, queue. */
  kpiUtilisation: 'max by (backend) (shadowfleet_kpi_backend_utilisation_ratio)',
  kpiResponseTime: 'max by (backend) (shadowfleet_kpi_backend_response_time_average_seconds)',
  kpiQueued: 'sum by (backend) (shadowfleet_kpi_backend_queued_requests)',
  /** Model health: next-action live top-1 accuracy, forecast age, forecast refresh failures, profile silhouette. */
  nextActionTop1: 'max(shadowfleet_nextaction_live_top1_accuracy)',
  forecastAgeSeconds: 'time() - max(shadowfleet_forecast_generated_timestamp_seconds)',
  forecastRefreshFailures: 'sum(increase(shadowfleet_forecast_refresh_failures_total[$__rate_interval]))',
  profileSilhouette: 'max(shadowfleet_profile_silhouette)',
  /** Webhook health: alert receipt to applied change (p90), rejected requests, alerts received. */
  webhookAppliedP90: 'histogram_quantile(0.9, sum by (le) (rate(shadowfleet_webhook_receipt_to_applied_seconds_bucket[$__rate_interval])))',
  webhookRejected: 'sum by (code) (rate(shadowfleet_webhook_rejected_requests_total[$__rate_interval]))',
  webhookAlerts: 'sum by (status) (rate(shadowfleet_webhook_alerts_received_total[$__rate_interval]))',
} as const;
