// feedback: KPIs from HAProxy's log lines (Apdex, latency quantiles, throughput per profile) and A/B experiment results.
export { feedbackRouter } from './router';
export { startKpis, experimentFiles, type KpiWindows } from './start';
export { KpiWindow, type ProfileKpis, type KpiWindowOptions, type KpiRange } from './kpi-window';
export { listenForKpis, isLoopback, type KpiListener, type KpiListenerOptions } from './kpi-listener';
export { parseKpiLine, HAPROXY_KPI_FRONTEND_LINES, PROFILE_HEADER, type KpiRequest } from './haproxy-log';
export { readExperimentFiles, LiveExperiments, type ExperimentView } from './experiments';
export { parseShowStat, backendStats, readShowStat, haproxyCommand, type BackendStats } from './haproxy-stats';
export { registerStatsMetrics } from './stats-metrics';
