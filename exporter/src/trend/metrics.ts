import { Counter, Gauge, type Registry } from 'prom-client';
import { HOUR_MS, MINUTE_MS, type LoadForecast } from '@shadowfleet/models';
import { FORECAST_HORIZONS } from './plan-json';
import type { TrendSnapshot } from './refresher';

export interface TrendMetricsSource {
  latest(): TrendSnapshot | undefined;
  readonly failures: number;
}

/**
 * Trend and shadow fleet gauges, filled at scrape time from the latest analysis, relative to `now`:
 * - shadowfleet_shadow_fleet_target_hosts{template}: standby hosts the plan wants ready in the current hour;
 * - shadowfleet_forecast_requests{horizon, bound}: the forecast request rate `horizon` from now, in requests
 *   per second (the forecast's requests per minute / 60, mean over its step); bound = point | lower | upper
 *   (one metric with a bound label, so the interval and the point plot together);
 * - shadowfleet_forecast_complexity{horizon, bound}: the same for the complexity load, when the store has it;
 * - shadowfleet_next_peak_start_timestamp_seconds: start of the next forecast peak after now;
 * - shadowfleet_forecast_growth_ratio_per_week, shadowfleet_forecast_generated_timestamp_seconds;
 * - shadowfleet_forecast_refresh_failures_total.
 * A series is absent when the analysis does not cover it (no analysis yet, or now is past the plan).
 */
/** One gauge of a forecast at the published horizons from now, per second, with bound = point | lower | upper. */
function forecastGauge(registry: Registry, name: string, help: string, now: () => number, forecast: () => LoadForecast | undefined): void {
  new Gauge({
    name,
    help: `${help}; bound is point, lower or upper (prediction interval)`,
    labelNames: ['horizon', 'bound'],
    registers: [registry],
    collect() {
      this.reset();
      const f = forecast();
      if (!f) return;
      const t = now();
      for (const { label, minutes } of FORECAST_HORIZONS) {
        const i = Math.floor((t + minutes * MINUTE_MS - f.startMs) / f.stepMs);
        if (i < 0 || i >= f.point.length) continue;
        this.set({ horizon: label, bound: 'point' }, f.point[i] / 60);
        this.set({ horizon: label, bound: 'lower' }, f.lower[i] / 60);
        this.set({ horizon: label, bound: 'upper' }, f.upper[i] / 60);
      }
    },
  });
}

export function registerTrendMetrics(registry: Registry, source: TrendMetricsSource, now: () => number = Date.now): void {
  new Gauge({
    name: 'shadowfleet_shadow_fleet_target_hosts',
    help: 'Standby (shadow) hosts the plan wants ready now, per host template',
    labelNames: ['template'],
    registers: [registry],
    collect() {
      this.reset();
      const plan = source.latest()?.analysis.plan;
      if (!plan || plan.hours.length === 0) return;
      const t = now();
      const i = Math.max(0, Math.floor((t - plan.startMs) / HOUR_MS));
      const hour = plan.hours[i];
      if (!hour) return;
      for (const [template, hosts] of Object.entries(hour.byTemplate)) this.set({ template }, hosts);
    },
  });
  forecastGauge(registry, 'shadowfleet_forecast_requests', 'Forecast request rate at the horizon from now, requests per second', now, () => source.latest()?.analysis.report.forecast);
  forecastGauge(
    registry,
    'shadowfleet_forecast_complexity',
    'Forecast complexity load at the horizon from now, per second (measured cost, else response bytes, of the events)',
    now,
    () => source.latest()?.analysis.complexity?.forecast,
  );
  new Gauge({
    name: 'shadowfleet_next_peak_start_timestamp_seconds',
    help: 'Start of the next forecast load peak after now (Unix seconds)',
    registers: [registry],
    collect() {
      this.reset();
      const t = now();
      const next = source.latest()?.analysis.report.forecastPeaks.find((p) => p.startMs > t);
      if (next) this.set(next.startMs / 1000);
    },
  });
  new Gauge({
    name: 'shadowfleet_forecast_growth_ratio_per_week',
    help: 'Long-term growth of the load: trend of daily means per week relative to their mean (0.05 = +5 % per week)',
    registers: [registry],
    collect() {
      this.reset();
      const g = source.latest()?.analysis.report.forecast.growth;
      if (g) this.set(g.relativePerWeek);
    },
  });
  new Gauge({
    name: 'shadowfleet_forecast_generated_timestamp_seconds',
    help: 'When the latest forecast and shadow fleet plan were computed (Unix seconds)',
    registers: [registry],
    collect() {
      this.reset();
      const s = source.latest();
      if (s) this.set(s.generatedAtMs / 1000);
    },
  });
  new Counter({
    name: 'shadowfleet_forecast_refresh_failures_total',
    help: 'Forecast refreshes that failed since the exporter started',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(source.failures);
    },
  });
}
