// pools: the pool model — one definition of every scaled pool, read by the exporter and the webhook.
export * from './schema';
// Which events each pool serves: the selector and the filter the store applies per pool.
export { poolLoadFilter, requireAttribution, SERVES_FIELDS, type LoadFilter, type Serves, type ServesField } from './serves';
// The services freeze the configurations they parse with it (the webhook reads only this light subpath).
export { deepFreeze } from '../validation/deep-freeze';
// What a standby provider keeps: the pool's total from one decision, less the hosts active now.
export { hostsToHold, standbyToKeep, type DesiredHosts } from './hosts-to-hold';
