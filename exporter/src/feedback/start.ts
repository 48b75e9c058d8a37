import type { Registry } from 'prom-client';
import type { Config } from '../config';
import { listenForKpis, type KpiListener } from './kpi-listener';
import { registerKpiMetrics } from './kpi-metrics';
import { KpiWindow } from './kpi-window';

const windows = new WeakMap<Registry, KpiWindow>();

/** The KPI window the exporter with this registry collects into (undefined when KPIs are off). */
export function kpiWindowOf(registry: Registry): KpiWindow | undefined {
  return windows.get(registry);
}

/**
 * When config.kpiSyslogPort is set: a UDP syslog listener for HAProxy's KPI log lines, the window over
 * config.kpiWindowSeconds and the shadowfleet_kpi_* gauges. Returns stop() for the exporter's close().
 */
export async function startKpis(opts: { config: Config; registry: Registry; now?: () => number; log: (line: string) => void }): Promise<{ stop(): Promise<void> }> {
  const { config, registry } = opts;
  if (config.kpiSyslogPort === undefined) return { stop: async () => undefined };
  const window = new KpiWindow({ apdexThresholdMs: config.apdexThresholdMs, windowSeconds: config.kpiWindowSeconds, now: opts.now });
  const listener: KpiListener = await listenForKpis(window, config.kpiSyslogHost, config.kpiSyslogPort);
  registerKpiMetrics(registry, window);
  windows.set(registry, window);
  opts.log(`KPIs: HAProxy syslog on udp ${config.kpiSyslogHost}:${listener.port}, Apdex T = ${config.apdexThresholdMs} ms`);
  return { stop: () => listener.close() };
}
