import type express from 'express';
import type { AppContext } from '../routes';
import { behaviourForecast } from './behaviour-forecast';
import { UNPROFILED } from './classes';
import { haproxyObserver } from './fleet-observer';
import { ManagerService } from './manager-service';
import { registerManagerMetrics } from './metrics';
import { decisionsRouter } from './router';

/** Most steps replayed to warm a pool's manager up: two days of minutes (the forecaster's calibration). */
export const MAX_WARMUP_STEPS = 2880;
/** A behaviour-aware forecast older than this many refresh intervals is not used (the refresh is failing). */
const STALE_FORECAST_REFRESHES = 3;

/**
 * The route module of the resource manager: decides every SHADOWFLEET_DECISION_INTERVAL_SECONDS for every
 * pool of the pool model (and at once after a policy change), publishes the decisions as metrics and
 * serves them at GET /v1/decisions. The timer stops on the exporter's close().
 */
export function decisionsModule(ctx: AppContext): express.Router {
  const { config, pools, policy } = ctx;
  const stepSeconds = config.decisionIntervalSeconds;
  const single = Object.keys(pools.pools).length === 1;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const service = new ManagerService({
    pools,
    policy: () => policy.current(),
    load: (q) => ctx.store.loadPerStep(q),
    external: (step) => {
      const b = ctx.shared.behaviour?.();
      if (!single || !b || Date.now() - b.refreshedAtMs > STALE_FORECAST_REFRESHES * config.forecastRefreshSeconds * 1000) return undefined;
      return behaviourForecast(b.forecasts, step);
    },
    observe: haproxyObserver(config.haproxyStatsSocket),
    // Users' profiles from the last rebuild; users it did not see count as (unprofiled).
    mix: async (fromMs, toMs) => {
      const byUser = await ctx.store.requestsByUser(fromMs, toMs);
      const mix: Record<string, number> = {};
      for (const [user, n] of byUser) {
        const profile = ctx.shared.profileOf?.(user)?.name ?? UNPROFILED;
        mix[profile] = (mix[profile] ?? 0) + n;
      }
      return mix;
    },
    stepSeconds,
    historySteps: Math.min(MAX_WARMUP_STEPS, Math.ceil((2 * 86_400) / stepSeconds)),
  });
  registerManagerMetrics(ctx.registry, service, () => policy.current().version);
  let failing = false;
  const decide = (): void =>
    void service.tick().then(
      () => (failing = false),
      (err: Error) => {
        // One line per failure streak, not one per interval.
        if (!failing) log(`resource manager: decision failed: ${err.message}`);
        failing = true;
      },
    );
  decide();
  policy.onChange(() => decide());
  const timer = setInterval(decide, stepSeconds * 1000);
  timer.unref();
  ctx.onClose(async () => {
    clearInterval(timer);
    await service.tick().catch(() => undefined);
  });
  ctx.shared.decisionHistory = (pool) => service.history(pool);
  return decisionsRouter(service, () => policy.current().version);
}
