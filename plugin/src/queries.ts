/**
 * Every PromQL expression the app shows, in one place. The provisioned dashboards
 * (provisioning/grafana/dashboards) use the same expressions; src/queries.test.ts holds them equal.
 */
export const QUERIES = {
  /** Units per pool and state as the webhook last observed them (active serves, standby is warm). */
  poolUnits: 'sum by (pool, state) (shadowfleet_webhook_pool_units)',
  /** Scaling intents waiting to run (hosts being brought up or scheduled back). */
  intentsQueued: 'sum(shadowfleet_webhook_intents_queued)',
  /** The exporter's recommended hosts per tier and pool. */
  recommendedHosts: 'max by (tier, pool) (shadowfleet_recommended_hosts)',
  /** The 15-minute-ahead forecast, shifted by 15 minutes so each point lines up with what actually happened. */
  forecast15mShifted: 'max by (bound) (shadowfleet_forecast_requests{horizon="15m"} offset 15m)',
  /** What actually arrived: events ingested per second. */
  actualRequests: 'sum(rate(shadowfleet_events_ingested_total[5m]))',
  /** Predicted complexity load per horizon. */
  complexityByHorizon: 'max by (horizon) (shadowfleet_predicted_complexity_load)',
  /** The forecast request rate per horizon (point and interval bounds). */
  forecastByHorizon: 'max by (horizon, bound) (shadowfleet_forecast_requests)',
  /** Start of the next forecast peak, in milliseconds (Grafana's dateTime units). */
  nextPeakMs: 'max(shadowfleet_next_peak_start_timestamp_seconds) * 1000',
  forecastGeneratedMs: 'max(shadowfleet_forecast_generated_timestamp_seconds) * 1000',
  growthPerWeek: 'max(shadowfleet_forecast_growth_ratio_per_week)',
  /** Users per behavioural profile. */
  profileUsers: 'max by (profile, name) (shadowfleet_profile_users)',
  /** Users that moved between profiles at the last rebuild. */
  profileTransitions: 'max by (from, to) (shadowfleet_profile_transition_users)',
  /** Standby hosts the shadow fleet plan wants ready now, per template. */
  shadowTarget: 'max by (template) (shadowfleet_shadow_fleet_target_hosts)',
  /** Warming and activation history: finished scaling actions per pool, action and outcome. */
  actionsHistory: 'sum by (pool, action, outcome) (increase(shadowfleet_webhook_actions_total[5m]))',
} as const;
