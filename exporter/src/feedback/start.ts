import type { Registry } from 'prom-client';
import type { Config } from '../config';
import { listenForKpis, type KpiListener } from './kpi-listener';
import { registerKpiMetrics } from './kpi-metrics';
import { registerStatsMetrics } from './stats-metrics';
import { KpiWindow } from './kpi-window';

const windows = new WeakMap<Registry, KpiWindow>();

/** The KPI window the exporter with this registry collects into (undefined when KPIs are off). */
export function kpiWindowOf(registry: Registry): KpiWindow | undefined {
  return windows.get(registry);
}

/**
 * When config.kpiSyslogPort is set: a UDP syslog listener for HAProxy's KPI log lines, the window over
 * config.kpiWindowSeconds and the shadowfleet_kpi_* gauges; when config.haproxyStatsSocket is set, the
 * shadowfleet_kpi_backend_* gauges from `show stat`. Returns stop() for the exporter's close().
 */
export async function startKpis(opts: { config: Config; registry: Registry; now?: () => number; log: (line: string) => void }): Promise<{ stop(): Promise<void> }> {
  const { config, registry } = opts;
  if (config.haproxyStatsSocket !== undefined) registerStatsMetrics(registry, config.haproxyStatsSocket, opts.log);
  if (config.kpiSyslogPort === undefined) return { stop: async () => undefined };
  const window = new KpiWindow({ apdexThresholdMs: config.apdexThresholdMs, windowSeconds: config.kpiWindowSeconds, now: opts.now });
  const listener: KpiListener = await listenForKpis(window, config.kpiSyslogHost, config.kpiSyslogPort);
  registerKpiMetrics(registry, window);
  windows.set(registry, window);
  opts.log(`KPIs: HAProxy syslog on udp ${config.kpiSyslogHost}:${listener.port}, Apdex T = ${config.apdexThresholdMs} ms`);
  return { stop: () => listener.close() };
}
