import { hostsToHold } from '@shadowfleet/models';
import { Gauge, type Registry } from 'prom-client';
import type { ManagerService } from './manager-service';

/**
 * The resource manager's gauges, filled at scrape time from the decisions it already made (a scrape
 * never decides). What the scaling rules read: shadowfleet_desired_serving_hosts (the target, with the
 * tier that set it), shadowfleet_pool_host_capacity (live serving capacity = active hosts × in_force),
 * shadowfleet_desired_pool_hosts (what standby providers follow and ShadowfleetStandbyShort compares).
 */
export function registerManagerMetrics(registry: Registry, service: ManagerService): void {
  const registers = [registry];
  const perDecision = (name: string, help: string, labelNames: string[], fill: (g: Gauge<string>, d: ReturnType<ManagerService['latest']>[number]) => void): void => {
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        for (const d of service.latest()) fill(this, d);
      },
    });
  };
  perDecision('shadowfleet_desired_hosts', "Each tier's own recommendation for the pool: 1 reactive and 2 predictive serving hosts, 3 serving plus shadow (standby) hosts", ['pool', 'tier'], (g, d) => {
    for (const [tier, n] of Object.entries(d.desired.by_tier)) g.set({ pool: d.pool, tier }, n);
  });
  perDecision('shadowfleet_desired_serving_hosts', 'Hosts the resource manager wants active in the pool (serving, booting or activating), labelled with the tier that set the target; the scaling rules send it to the webhook', ['pool', 'tier'], (g, d) =>
    g.set({ pool: d.pool, tier: d.desired.tier }, d.desired.serving),
  );
  perDecision('shadowfleet_desired_standby_hosts', 'Standby (shadow) hosts the resource manager wants ready in the pool', ['pool'], (g, d) => g.set({ pool: d.pool }, d.desired.standby));
  // Serving plus standby of the same decision: what a standby provider follows (its standby = this less the hosts active now).
  perDecision(
    'shadowfleet_desired_pool_hosts',
    "Hosts the pool should hold, active plus standby, from one decision of the resource manager: a standby provider keeps its standby (warm or booting) at this less the hosts active now (docs/pools.md)",
    ['pool'],
    (g, d) => g.set({ pool: d.pool }, hostsToHold(d.desired)),
  );
  perDecision(
    'shadowfleet_pool_host_capacity',
    'Complexity units per second one host of the pool serves: configured (pool model), learned (tier 1 capacity model, when it has samples) and in_force',
    ['pool', 'source'],
    (g, d) => {
      g.set({ pool: d.pool, source: 'configured' }, d.capacity.configured);
      if (d.capacity.learned !== null) g.set({ pool: d.pool, source: 'learned' }, d.capacity.learned);
      g.set({ pool: d.pool, source: 'in_force' }, d.capacity.per_host);
    },
  );
  perDecision('shadowfleet_pool_load_per_second', "The pool's load in its last complete step, complexity units per second (what the manager observed): the events the pool serves (its serves selector in the pool model); with one pool, every event. The pools' values add up to the site's load", ['pool'], (g, d) =>
    g.set({ pool: d.pool }, d.load.last_step / d.step_seconds),
  );
  perDecision('shadowfleet_decision_forecast_per_second', "The load tier 2 sized for, complexity units per second, from the pool's own load: the forecast quantile (kind=quantile, the behaviour-aware one when larger), the volume point forecast (kind=point) and the behaviour-aware forecast (kind=behaviour; site-wide, so only with one pool)", ['pool', 'kind'], (g, d) => {
    if (!d.forecast) return;
    g.set({ pool: d.pool, kind: 'quantile' }, d.forecast.value / d.step_seconds);
    g.set({ pool: d.pool, kind: 'point' }, d.forecast.point / d.step_seconds);
    if (d.forecast.behaviour !== null) g.set({ pool: d.pool, kind: 'behaviour' }, d.forecast.behaviour / d.step_seconds);
  });
  perDecision('shadowfleet_decision_timestamp_seconds', 'When the latest decision for the pool was made (start of its step), Unix seconds', ['pool'], (g, d) => g.set({ pool: d.pool }, Date.parse(d.at) / 1000));
  perDecision('shadowfleet_decision_policy_version', 'Version of the policy the latest decision for the pool used', ['pool'], (g, d) => g.set({ pool: d.pool }, d.policy_version));
  new Gauge({
    name: 'shadowfleet_pool_info',
    help: 'The pool model: one series per pool with its driver and complexity unit (value 1)',
    labelNames: ['pool', 'driver', 'complexity_unit'],
    registers,
    collect() {
      this.reset();
      const m = service.poolModel;
      for (const [pool, def] of Object.entries(m.pools)) this.set({ pool, driver: def.driver, complexity_unit: m.complexityUnit }, 1);
    },
  });
  new Gauge({
    name: 'shadowfleet_decision_interval_seconds',
    help: 'Seconds between resource manager decisions (SHADOWFLEET_DECISION_INTERVAL_SECONDS)',
    registers,
    collect() {
      this.set(service.stepMs / 1000);
    },
  });
}
