/**
 * What a standby provider follows, race-free (docs/pools.md#standby-providers-what-to-follow).
 *
 * The resource manager's serving change reaches the pool through Prometheus, Alertmanager and the
 * webhook most of a step after its decision, and a provider sees it land at once; its standby target
 * is read straight away. A provider that kept the warm pool at the standby target alone therefore
 * removed the warm hosts an activation was about to take (the standby target drops first) and booted a
 * host a release was about to return (it rises first). Moving a host between active and standby does
 * not change the pool's total, so the provider follows the total instead: the hosts the pool should
 * hold, serving plus standby, of ONE decision. Its standby is that total less the hosts it has active
 * now, as it sees them itself: while an activation is on its way that keeps the warm hosts it will take
 * (the desired standby plus the pending activations), while a release is on its way it counts the hosts
 * the release will return (the desired standby less the pending releases), and once the change has
 * landed it is the desired standby. Prometheus's view of the active hosts lags by a scrape and an
 * evaluation, so the subtraction belongs with the provider's own count, never in a rule.
 */

/** The targets of one decision: hosts to have active (serving, booting or activating) and warm standby. */
export interface DesiredHosts {
  readonly serving: number;
  readonly standby: number;
}

/** The hosts the pool should hold: the serving target plus the standby target of the same decision (`shadowfleet_desired_pool_hosts`). */
export function hostsToHold(desired: DesiredHosts): number {
  return Math.max(0, desired.serving) + Math.max(0, desired.standby);
}

/**
 * The standby hosts (warm or booting) a provider keeps: the hosts the pool should hold less those active
 * now (in rotation, booting or activating, as the provider itself sees them), never below zero.
 */
export function standbyToKeep(toHold: number, activeNow: number): number {
  return Math.max(0, Math.round(toHold) - activeNow);
}
