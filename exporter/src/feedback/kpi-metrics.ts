import { Gauge, type Registry } from 'prom-client';
import type { KpiWindow } from './kpi-window';

/** shadowfleet_kpi_* gauges, computed from the window at each scrape. */
export function registerKpiMetrics(registry: Registry, window: KpiWindow): void {
  const latency = new Gauge({
    name: 'shadowfleet_kpi_latency_seconds',
    help: 'Request latency quantiles per profile over the KPI window (HAProxy %Ta)',
    labelNames: ['profile', 'quantile'],
    registers: [],
  });
  const throughput = new Gauge({
    name: 'shadowfleet_kpi_throughput_requests_per_second',
    help: 'Requests per second per profile over the KPI window',
    labelNames: ['profile'],
    registers: [],
  });
  // Registered first, so its collect (which refills all three from the window) runs before the others are read.
  new Gauge({
    name: 'shadowfleet_kpi_apdex',
    help: 'Apdex per profile over the KPI window (0 … 1)',
    labelNames: ['profile'],
    registers: [registry],
    collect() {
      this.reset();
      latency.reset();
      throughput.reset();
      for (const k of window.kpis()) {
        this.set({ profile: k.profile }, k.apdex);
        throughput.set({ profile: k.profile }, k.throughput_rps);
        latency.set({ profile: k.profile, quantile: '0.5' }, k.latency_p50_seconds);
        latency.set({ profile: k.profile, quantile: '0.95' }, k.latency_p95_seconds);
        latency.set({ profile: k.profile, quantile: '0.99' }, k.latency_p99_seconds);
      }
    },
  });
  registry.registerMetric(latency);
  registry.registerMetric(throughput);
}
