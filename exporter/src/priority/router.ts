import express from 'express';
import type { Config } from '../config';
import { describeUserIdentity } from '../identity/user-identity';
import { haproxyPriorityLines } from './haproxy-lines';
import type { PriorityMapSync } from './map-sync';

/** GET /v1/priority: what the priority map holds, the haproxy.cfg lines for it, and how its updates went. */
export function priorityRouter(config: Pick<Config, 'priorityMapFile' | 'haproxyStatsSocket' | 'userIdentity' | 'haproxyUserFromSource'>, sync: PriorityMapSync | undefined): express.Router {
  const router = express.Router();
  router.get('/v1/priority', (_req, res) => {
    const mapFile = config.priorityMapFile;
    if (!sync || mapFile === undefined) {
      res.json({ enabled: false, message: 'profile priorities do not reach the load balancer: set SHADOWFLEET_PRIORITY_MAP_FILE (docs/priority.md)' });
      return;
    }
    const s = sync.status;
    res.json({
      enabled: true,
      mapFile,
      runtimeSocket: config.haproxyStatsSocket ?? null,
      userIdentity: describeUserIdentity(config.userIdentity),
      haproxyLines: haproxyPriorityLines(config.userIdentity, mapFile, config.haproxyUserFromSource),
      policyVersion: s.policyVersion ?? null,
      updatedAt: s.updatedAtMs !== undefined ? new Date(s.updatedAtMs).toISOString() : null,
      entries: s.map.entries,
      byClass: s.map.byClass,
      leftOut: { maxEntries: s.map.omitted, unusableKey: s.map.unusable },
      failures: s.failures,
      lastError: s.lastError ?? null,
    });
  });
  return router;
}
