import { Gauge, type Registry } from 'prom-client';
import type { KpiWindow } from './kpi-window';

/** Which gauges a window feeds: per profile (`shadowfleet_kpi_*`) or per backend (`shadowfleet_kpi_backend_*`). */
const NAMING = {
  profile: { prefix: 'shadowfleet_kpi_', label: 'profile', per: 'profile' },
  backend: { prefix: 'shadowfleet_kpi_backend_', label: 'backend', per: 'HAProxy backend (pool)' },
} as const;

/** Apdex, latency quantiles and throughput gauges, computed from the window at each scrape. */
export function registerKpiMetrics(registry: Registry, window: KpiWindow, by: keyof typeof NAMING = 'profile'): void {
  const { prefix, label, per } = NAMING[by];
  const latency = new Gauge({
    name: `${prefix}latency_seconds`,
    help: `Request latency quantiles per ${per} over the KPI window (HAProxy %Ta)`,
    labelNames: [label, 'quantile'],
    registers: [],
  });
  const throughput = new Gauge({
    name: `${prefix}throughput_requests_per_second`,
    help: `Requests per second per ${per} over the KPI window`,
    labelNames: [label],
    registers: [],
  });
  // Registered first, so its collect (which refills all three from the window) runs before the others are read.
  new Gauge({
    name: `${prefix}apdex`,
    help: `Apdex per ${per} over the KPI window (0 … 1)`,
    labelNames: [label],
    registers: [registry],
    collect() {
      this.reset();
      latency.reset();
      throughput.reset();
      for (const k of window.kpis()) {
        const key = { [label]: k.profile };
        this.set(key, k.apdex);
        throughput.set(key, k.throughput_rps);
        latency.set({ ...key, quantile: '0.5' }, k.latency_p50_seconds);
        latency.set({ ...key, quantile: '0.95' }, k.latency_p95_seconds);
        latency.set({ ...key, quantile: '0.99' }, k.latency_p99_seconds);
      }
    },
  });
  registry.registerMetric(latency);
  registry.registerMetric(throughput);
}
