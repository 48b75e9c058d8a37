import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../logger';
import { backendStats, parseShowStat, readShowStat, type BackendStats } from './haproxy-stats';

/** One `show stat` serves every gauge of a scrape (the registry reads the gauges in parallel). */
const SNAPSHOT_MS = 1000;

/**
 * shadowfleet_kpi_backend_* gauges, read from HAProxy's stats socket at each scrape: utilisation
 * (sessions / maxconn), sessions, session rate, queue and average response time per backend.
 */
export function registerStatsMetrics(registry: Registry, socketPath: string, log: Logger): void {
  let cached: { at: number; stats: Promise<BackendStats[]> } | undefined;
  const snapshot = (): Promise<BackendStats[]> => {
    if (!cached || Date.now() - cached.at > SNAPSHOT_MS) {
      const stats = readShowStat(socketPath).then(
        (csv) => backendStats(parseShowStat(csv)),
        (err: Error) => {
          log.warn({ err }, 'cannot read HAProxy stats');
          return [];
        },
      );
      cached = { at: Date.now(), stats };
    }
    return cached.stats;
  };
  const gauge = (name: string, help: string, value: (s: BackendStats) => number | undefined): void => {
    new Gauge({
      name,
      help,
      labelNames: ['backend'],
      registers: [registry],
      async collect() {
        const stats = await snapshot();
        this.reset();
        for (const s of stats) {
          const v = value(s);
          if (v !== undefined) this.set({ backend: s.backend }, v);
        }
      },
    });
  };
  gauge('shadowfleet_kpi_backend_sessions', 'Sessions in progress per HAProxy backend', (s) => s.sessions);
  gauge('shadowfleet_kpi_backend_utilisation_ratio', "Sessions in progress / the servers' maxconn per HAProxy backend", (s) => s.utilisation);
  gauge('shadowfleet_kpi_backend_session_rate_per_second', 'New sessions per second per HAProxy backend (last second)', (s) => s.sessionRate);
  gauge('shadowfleet_kpi_backend_active_servers', 'Servers taking traffic per HAProxy backend (not in maintenance, drain or down)', (s) => s.activeServers);
  gauge('shadowfleet_kpi_backend_queued_requests', 'Requests queued per HAProxy backend', (s) => s.queued);
  gauge('shadowfleet_kpi_backend_response_time_average_seconds', "HAProxy's average response time per backend (last 1024 requests)", (s) => s.responseTimeAverageSeconds);
}
