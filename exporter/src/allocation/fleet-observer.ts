import type { PoolDefinition } from '@shadowfleet/models';
import { backendStats, parseShowStat, readShowStat } from '../feedback/haproxy-stats';
import type { FleetObservation } from './decision';

/**
 * Observes a pool's real fleet for tier 1's capacity model: for an `haproxy` pool, its backend's servers
 * taking traffic (serving), the rest (standby) and the sessions against their maxconn (utilisation), from
 * HAProxy's stats socket. Other drivers are not observed here (the decision says so: observed = null).
 */
export function haproxyObserver(socket: string | undefined): ((pool: string, def: PoolDefinition) => Promise<FleetObservation | undefined>) | undefined {
  if (!socket) return undefined;
  return async (_pool, def) => {
    const backend = def.driver === 'haproxy' ? def.options.backend : undefined;
    if (typeof backend !== 'string') return undefined;
    const stats = backendStats(parseShowStat(await readShowStat(socket))).find((b) => b.backend === backend);
    if (!stats) return undefined;
    return {
      serving: stats.activeServers,
      standby: stats.servers - stats.activeServers,
      ...(stats.utilisation !== undefined ? { utilisation: stats.utilisation } : {}),
      source: `HAProxy stats, backend ${backend}`,
    };
  };
}
