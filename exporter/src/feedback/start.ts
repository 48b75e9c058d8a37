import type { Registry } from 'prom-client';
import type { Config } from '../config';
import type { Started } from '../lifecycle';
import type { Logger } from '../logger';
import { isLoopback, listenForKpis, type KpiListener } from './kpi-listener';
import { registerKpiMetrics } from './kpi-metrics';
import { registerStatsMetrics } from './stats-metrics';
import { KpiWindow } from './kpi-window';

/** The KPI windows of one exporter: per profile and per backend (pool). */
export interface KpiWindows {
  readonly profiles: KpiWindow;
  readonly backends: KpiWindow;
}

/** The experiments results files of config.experimentsFiles (comma-separated). */
export function experimentFiles(config: Pick<Config, 'experimentsFiles'>): string[] {
  return config.experimentsFiles
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
}

/**
 * When config.kpiSyslogPort is set: a UDP syslog listener for HAProxy's KPI log lines, windows over
 * config.kpiWindowSeconds per profile and per backend, and their shadowfleet_kpi_* gauges (every
 * message also goes to opts.onMessage, the HAProxy log events source); when
 * config.haproxyStatsSocket is set, the shadowfleet_kpi_backend_* gauges from `show stat`. The service is
 * the pair of windows (undefined when KPIs are off); close() frees the port. The listener is
 * unauthenticated: a non-loopback host is logged as a warning.
 */
export async function startKpis(opts: { config: Config; registry: Registry; now?: () => number; logger: Logger; onMessage?: (text: string) => void }): Promise<Started<KpiWindows | undefined>> {
  const { config, registry } = opts;
  const log = opts.logger.child({ component: 'kpis' });
  if (config.haproxyStatsSocket !== undefined) registerStatsMetrics(registry, config.haproxyStatsSocket, log);
  if (config.kpiSyslogPort === undefined) return { service: undefined, close: () => undefined };
  const settings = { apdexThresholdMs: config.apdexThresholdMs, windowSeconds: config.kpiWindowSeconds, now: opts.now };
  const pair: KpiWindows = { profiles: new KpiWindow(settings), backends: new KpiWindow({ ...settings, key: 'backend' }) };
  const allowFrom = config.kpiSyslogAllowFrom.length > 0 ? config.kpiSyslogAllowFrom : undefined;
  const listener: KpiListener = await listenForKpis([pair.profiles, pair.backends], config.kpiSyslogHost, config.kpiSyslogPort, { allowFrom, onMessage: opts.onMessage });
  registerKpiMetrics(registry, pair.profiles, 'profile');
  registerKpiMetrics(registry, pair.backends, 'backend');
  log.info({ host: config.kpiSyslogHost, port: listener.port }, `HAProxy syslog on udp ${config.kpiSyslogHost}:${listener.port}${allowFrom ? ` from ${allowFrom.join(', ')} only` : ''}, Apdex T = ${config.apdexThresholdMs} ms`);
  if (!isLoopback(config.kpiSyslogHost)) {
    log.warn({ host: config.kpiSyslogHost }, `the syslog listener on ${config.kpiSyslogHost} is not loopback; it is unauthenticated, anyone who reaches the port can forge KPIs — firewall it`);
  }
  return { service: pair, close: () => listener.close() };
}
