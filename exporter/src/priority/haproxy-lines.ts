import { DEFAULT_PRIORITY_CLASS } from '@shadowfleet/models';
import { haproxyUserFetch, type UserIdentity } from '../identity/user-identity';

/** Where the shipped configuration puts the priority map (SHADOWFLEET_PRIORITY_MAP_FILE names it for the exporter). */
export const DEFAULT_PRIORITY_MAP_FILE = '/etc/haproxy/shadowfleet-priority.map';

/**
 * haproxy.cfg lines (for the frontend, or a backend before its servers) that give each request the queue
 * priority class of its user: the class the exporter's map holds, else the default class (5). The first
 * line matters: a request without the cookie or header makes the lookup fail, HAProxy then leaves the
 * class unset, and an unset class is 0, the class served first. With shards, pass every shard's map file:
 * their users are disjoint, so each lookup goes without a default (a miss leaves the class as it is) and at
 * most one finds the user (docs/priority.md#with-shards).
 */
export function haproxyPriorityLines(identity: UserIdentity, mapFile: string | readonly string[] = DEFAULT_PRIORITY_MAP_FILE, userFromSource = false): string[] {
  const maps = typeof mapFile === 'string' ? [mapFile] : mapFile;
  const fallback = maps.length === 1 ? `,${DEFAULT_PRIORITY_CLASS}` : '';
  const lookups = (fetch: string): string[] => maps.map((map) => `http-request set-priority-class ${fetch},map_str_int(${map}${fallback})`);
  return [
    `http-request set-priority-class int(${DEFAULT_PRIORITY_CLASS})`,
    // Events fall back to the client address when the request carries no user (SHADOWFLEET_HAPROXY_USER_FROM_SOURCE),
    // so the map then holds addresses too: look the address up first; a request with the cookie or header overrides it.
    ...(userFromSource && identity !== 'source' ? lookups('src') : []),
    ...lookups(haproxyUserFetch(identity)),
  ];
}
