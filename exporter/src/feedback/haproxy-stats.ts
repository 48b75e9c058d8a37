/** HAProxy's `show stat` and runtime API, from the one client the services share (@shadowfleet/haproxy-runtime). */
export { parseShowStat, backendStats, readShowStat, runtimeCommand as haproxyCommand, type BackendStats } from '@shadowfleet/haproxy-runtime';
