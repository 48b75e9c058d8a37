import { poolLoadFilter, type PoolModel } from '@shadowfleet/models';
import type { CoreDeps, Started } from '../lifecycle';
import type { BehaviourForecasts } from '../nextaction/start';
import type { PolicyStore } from '../policy/store';
import { behaviourForecast } from './behaviour-forecast';
import { UNPROFILED } from './classes';
import { haproxyObserver } from './fleet-observer';
import { ManagerService } from './manager-service';
import { poolLoad, unmatchedServes } from './pool-load';
import { registerManagerMetrics } from './metrics';
import { siteForecast, summedLoad } from '../shards/peers';
import { shardTopology } from '../shards/topology';

/** Most steps replayed to warm a pool's manager up: two days of minutes (the forecaster's calibration). */
/** Share of a step after its end at which the manager decides. */
export const DECISION_MARGIN = 0.05;

export const MAX_WARMUP_STEPS = 2880;
/** A behaviour-aware forecast older than this many refresh intervals is not used (the refresh is failing). */
const STALE_FORECAST_REFRESHES = 3;

/**
 * The resource manager: decides every SHADOWFLEET_DECISION_INTERVAL_SECONDS for every pool of the pool
 * model (and at once after a policy change) and publishes the decisions as metrics. close() stops the
 * timer and waits for a running decision. With shards only shard 0 decides, on the load and behaviour
 * forecast of all shards added up (docs/scaling-out.md); the others neither decide nor publish decisions.
 */
export function startDecisions(
  deps: CoreDeps & {
    readonly pools: PoolModel;
    readonly policy: PolicyStore;
    readonly behaviour: BehaviourForecasts;
    /** A user's profile name in the last rebuild; users it did not see count as (unprofiled). */
    readonly profileNameOf: (userId: string) => string | undefined;
  },
): Started<ManagerService> {
  const { config, pools, policy, store, behaviour } = deps;
  const log = deps.logger.child({ component: 'decisions' });
  const stepSeconds = config.decisionIntervalSeconds;
  const single = Object.keys(pools.pools).length === 1;
  const historySteps = Math.min(MAX_WARMUP_STEPS, Math.ceil((2 * 86_400) / stepSeconds));
  const shard = shardTopology(config);
  const token = config.noAuth ? undefined : config.authToken;
  // Each pool's manager sizes for the events its `serves` selector routes to it (the whole site with one pool).
  const ownLoad = poolLoad(store, pools);
  const site = siteForecast(shard, token, () => ({ forecasts: behaviour.forecasts, refreshedAtMs: behaviour.lastRefreshMs }), log);
  const service = new ManagerService({
    pools,
    policy: () => policy.current(),
    load: shard ? summedLoad(shard, token, ownLoad) : ownLoad,
    external: (step) => {
      const b = site.current();
      // Site-wide only: with several pools no pool gets it (docs/pools.md, "Which events a pool serves").
      if (!single || !b || Date.now() - b.refreshedAtMs > STALE_FORECAST_REFRESHES * config.forecastRefreshSeconds * 1000) return undefined;
      return behaviourForecast(b.forecasts, step);
    },
    observe: haproxyObserver(config.haproxyStatsSocket),
    mix: async (fromMs, toMs, pool) => {
      const byUser = await store.requestsByUser(fromMs, toMs, poolLoadFilter(pools, pool));
      const mix: Record<string, number> = {};
      for (const [user, n] of byUser) {
        const profile = deps.profileNameOf(user) ?? UNPROFILED;
        mix[profile] = (mix[profile] ?? 0) + n;
      }
      return mix;
    },
    stepSeconds,
    historySteps,
  });
  if (shard && !shard.decider) return { service, close: async () => undefined };
  registerManagerMetrics(deps.registry, service);
  // A serves value no event of the warm-up window took is most likely a typo: say so once, at start.
  const nowMs = Date.now();
  void unmatchedServes(store, pools, nowMs - service.stepMs * historySteps, nowMs).then(
    (warnings) => warnings.forEach((w) => log.warn(w)),
    (err: Error) => log.warn({ err }, 'could not check the pools\' serves values against the stored events'),
  );
  let failing = false;
  const decide = (): void =>
    void site.refresh().then(() => service.tick()).then(
      () => (failing = false),
      (err: Error) => {
        // One line per failure streak, not one per interval.
        if (!failing) log.error({ err }, 'decision failed');
        failing = true;
      },
    );
  decide();
  policy.onChange(() => decide());
  // Decide just after each step ends (a step's decision then uses the step that just ended, as the
  // simulator assumes), not at whatever phase the exporter started at: a free-running timer added half a
  // step on average to the path from load to action (docs/replay.md). The margin lets the step's last
  // events land.
  const stepMs = stepSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    timer = setTimeout(() => (decide(), schedule()), stepMs - (Date.now() % stepMs) + DECISION_MARGIN * stepMs);
    timer.unref();
  };
  schedule();
  return {
    service,
    close: async () => {
      clearTimeout(timer);
      await service.tick().catch(() => undefined);
    },
  };
}
