import { analyseShadowFleet, HpaRecommender, type Augurs, type DecisionContext, type FleetActions, type Strategy } from '@shadowfleet/models';

export interface PlanStrategyOptions {
  /** Minutes between re-plans (each fits MSTL on the last `historyDays`). */
  readonly replanMinutes: number;
  readonly historyDays: number;
  readonly minHistoryDays: number;
  readonly stepMinutes: number;
}

export interface PlanStrategyStats {
  /** Σ over minutes of the standby hosts the plan wanted ready. */
  plannedStandbyHostMinutes: number;
  /** Σ over minutes of hosts that were activated from standby and were serving or activating. */
  activatedHostMinutes: number;
  activations: number;
  replans: number;
  replanSeconds: number;
}

/**
 * `hpa+plan` for the bench: the HPA desired count (BENCHMARKS §1) for serving hosts, plus a shadow pool
 * kept at the plan's standby count for the hour one cold start ahead (warming = shadow boot = Lc). When HPA
 * wants more hosts, standby hosts are activated first and cold hosts cover the rest; on scale-down, hosts go
 * back to standby while the pool is below the plan. The plan is recomputed every `replanMinutes` from
 * r_0 … r_{t-1} only.
 */
export function planStrategy(augurs: Augurs, options: PlanStrategyOptions): Strategy & { readonly stats: PlanStrategyStats } {
  const hpa = new HpaRecommender();
  const stats: PlanStrategyStats = { plannedStandbyHostMinutes: 0, activatedHostMinutes: 0, activations: 0, replans: 0, replanSeconds: 0 };
  let plan: { startMinute: number; standby: number[] } | undefined;
  let lastPlan = -Infinity;
  let fromStandby = 0;
  return {
    name: 'hpa+plan',
    stats,
    decide(ctx: DecisionContext): FleetActions {
      const { t, fleet, config } = ctx;
      const desired = hpa.desired(ctx);
      if (t - lastPlan >= options.replanMinutes && t >= options.minHistoryDays * 1440) {
        let n = Math.min(t, options.historyDays * 1440);
        n -= n % options.stepMinutes;
        const started = process.hrtime.bigint();
        const { plan: p } = analyseShadowFleet(augurs, { startMs: 0, stepMs: 60_000, values: ctx.history.slice(t - n, t) }, {
          stepMinutes: options.stepMinutes,
          plan: {
            capacityPerHost: config.capacity,
            coldStartMinutes: config.coldStart,
            horizonHours: Math.ceil(options.replanMinutes / 60) + 1,
            templates: [{ name: 'general', stack: 'default', profiles: [] }],
          },
        });
        stats.replanSeconds += Number(process.hrtime.bigint() - started) / 1e9;
        stats.replans++;
        plan = { startMinute: t, standby: p.hours.map((h) => h.standbyHosts) };
        lastPlan = t;
      }
      const target = plan ? (plan.standby[Math.floor((t + config.coldStart - plan.startMinute) / 60)] ?? 0) : 0;
      stats.plannedStandbyHostMinutes += target;

      const booting = fleet.bootingReadyAt.length;
      const total = fleet.serving + booting + fleet.activatingReadyAt.length;
      let activate = 0;
      let launch = 0;
      let cancelBooting = 0;
      let toStandby = 0;
      let removeServing = 0;
      if (desired > total) {
        activate = Math.min(desired - total, fleet.standby);
        launch = desired - total - activate;
      } else if (desired < total) {
        let surplus = total - desired;
        cancelBooting = Math.min(surplus, booting);
        surplus -= cancelBooting;
        const removable = Math.max(0, Math.min(surplus, fleet.serving - 1));
        toStandby = Math.min(removable, Math.max(0, target - fleet.standby - fleet.shadowBootingReadyAt.length));
        removeServing = removable - toStandby;
      }
      fromStandby = Math.max(0, fromStandby - toStandby - removeServing) + activate;
      stats.activations += activate;
      const pool = fleet.standby - activate + toStandby + fleet.shadowBootingReadyAt.length;
      const launchShadow = Math.max(0, target - pool);
      const removeStandby = Math.min(Math.max(0, pool - target), fleet.standby - activate);
      const cancelShadowBooting = Math.min(Math.max(0, pool - target - removeStandby), fleet.shadowBootingReadyAt.length);
      stats.activatedHostMinutes += fromStandby;
      return { activate, launch, cancelBooting, toStandby, removeServing, launchShadow, removeStandby, cancelShadowBooting };
    },
  };
}
