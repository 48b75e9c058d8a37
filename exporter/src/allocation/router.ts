import express from 'express';
import { Gauge, type Registry } from 'prom-client';
import type { AppContext } from '../routes';
import { historySource } from '../trend/start';
import { loadTrendSettings } from '../trend/settings';
import { DecisionService } from './service';

/** BENCHMARKS.md section 1 defaults for what the trend settings do not say. */
export const DEFAULT_ACTIVATION_MINUTES = 1;
export const DEFAULT_STANDBY_COST = 0.1;

/** GET /v1/decisions: the resource manager's latest dry-run decision, every tier with its reason. */
export function decisionsRouter(service: DecisionService): express.Router {
  const router = express.Router();
  router.get('/v1/decisions', async (_req, res) => {
    try {
      const run = await service.latest();
      if (!run) {
        res.json({ mode: 'dry-run', decisions: [], message: 'no request history yet: import or send events first' });
        return;
      }
      res.json(run);
    } catch (err) {
      res.status(500).json({ error: 'decision_failed', message: err instanceof Error ? err.message : String(err) });
    }
  });
  return router;
}

/** shadowfleet_recommended_hosts{tier, pool}: each tier's recommendation, computed at scrape time. */
export function registerDecisionMetrics(registry: Registry, service: DecisionService): void {
  new Gauge({
    name: 'shadowfleet_recommended_hosts',
    help: 'Hosts each tier of the resource manager recommends (tiers 1-2: serving, tier 3: standby), forecast-only',
    labelNames: ['tier', 'pool'],
    registers: [registry],
    async collect() {
      this.reset();
      const run = await service.latest().catch(() => undefined);
      if (!run) return;
      for (const t of run.latest.tiers) this.set({ tier: String(t.tier), pool: run.pool }, t.hosts);
    },
  });
}

/** shadowfleet_tier3_standby_hosts{pool, sizing}: tier 3's standby pool sized every way (self: surge forecast; plan: trend plan; plan-net: plan upper bound − serving pool). */
export function registerTier3Metrics(registry: Registry, service: DecisionService): void {
  new Gauge({
    name: 'shadowfleet_tier3_standby_hosts',
    help: 'Standby hosts tier 3 would keep, sized from its own surge forecast (sizing="self"), the trend plan (sizing="plan") or the plan net of the serving pool (sizing="plan-net"); recommended_hosts{tier="3"} is the one acted on',
    labelNames: ['pool', 'sizing'],
    registers: [registry],
    async collect() {
      this.reset();
      const run = await service.latest().catch(() => undefined);
      if (!run) return;
      this.set({ pool: run.pool, sizing: 'self' }, run.tier3_standby.self_sized_hosts);
      if (run.tier3_standby.plan_hosts !== null) this.set({ pool: run.pool, sizing: 'plan' }, run.tier3_standby.plan_hosts);
      if (run.tier3_standby.plan_net_hosts !== null) this.set({ pool: run.pool, sizing: 'plan-net' }, run.tier3_standby.plan_net_hosts);
    },
  });
}

/**
 * The route module: history (and profile mix) from the trend module's source (settings file, store, or the
 * demo sample); capacity classes and tier 3's sizing from the trend settings; the plan from the trend refresher.
 */
export function decisionsModule(ctx: AppContext): express.Router {
  const settings = loadTrendSettings(ctx.config.trendSettings);
  const profileNameOf = (userId: string): string | undefined => ctx.shared.profileOf?.(userId)?.name;
  const source = historySource({ config: ctx.config, registry: ctx.registry, store: ctx.store, profileNameOf }, { ...settings, maxHistoryDays: 2 });
  const service = new DecisionService({
    history: async () => {
      const h = await source();
      return h ? { values: h.history.values, startMs: h.history.startMs, mix: h.mix } : undefined;
    },
    settings: {
      capacityPerHost: settings.capacityPerHost,
      coldStartMinutes: settings.coldStartMinutes,
      activationMinutes: DEFAULT_ACTIVATION_MINUTES,
      standbyCost: DEFAULT_STANDBY_COST,
      pool: ctx.config.allocationPool,
      capacityClasses: settings.capacityClasses,
      tier3Sizing: settings.tier3Sizing,
    },
    plan: () => ctx.shared.trendPlan?.(),
  });
  registerDecisionMetrics(ctx.registry, service);
  registerTier3Metrics(ctx.registry, service);
  return decisionsRouter(service);
}
