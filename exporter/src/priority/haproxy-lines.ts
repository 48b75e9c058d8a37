import { DEFAULT_PRIORITY_CLASS } from '@shadowfleet/models';
import { haproxyUserFetch, type UserIdentity } from '../identity/user-identity';

/** Where the shipped configuration puts the priority map (SHADOWFLEET_PRIORITY_MAP_FILE names it for the exporter). */
export const DEFAULT_PRIORITY_MAP_FILE = '/etc/haproxy/shadowfleet-priority.map';

/**
 * haproxy.cfg lines (for the frontend, or a backend before its servers) that give each request the queue
 * priority class of its user: the class the exporter's map holds, else the default class (5). The first
 * line matters: a request without the cookie or header makes the lookup fail, HAProxy then leaves the
 * class unset, and an unset class is 0, the class served first.
 */
export function haproxyPriorityLines(identity: UserIdentity, mapFile: string = DEFAULT_PRIORITY_MAP_FILE, userFromSource = false): string[] {
  const lookup = (fetch: string) => `http-request set-priority-class ${fetch},map_str_int(${mapFile},${DEFAULT_PRIORITY_CLASS})`;
  return [
    `http-request set-priority-class int(${DEFAULT_PRIORITY_CLASS})`,
    // Events fall back to the client address when the request carries no user (SHADOWFLEET_HAPROXY_USER_FROM_SOURCE),
    // so the map then holds addresses too: look the address up first; a request with the cookie or header overrides it.
    ...(userFromSource && identity !== 'source' ? [lookup('src')] : []),
    lookup(haproxyUserFetch(identity)),
  ];
}
