/** HAProxy's runtime API, from the one client the services share (@shadowfleet/haproxy-runtime). */
export {
  HAPROXY_NAME,
  runtimeCommand,
  parseServersState,
  parseCurrentSessions,
  isMaint,
  isDraining,
  isServing,
  type ServerState,
} from '@shadowfleet/haproxy-runtime';
