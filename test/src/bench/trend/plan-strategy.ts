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
 * `forecast+plan` for the bench, the plan's own assumptions made concrete: tier 2 launches cold hosts for
 * the point forecast one cold start ahead (desired = max(HPA desired count, ceil(point(t + Lc) / C)), like the
 * `predictive` baseline but with the MSTL forecast), and a shadow pool is kept at the plan's standby count
 * for the hour one cold start ahead (warming = shadow boot = Lc). Standby hosts answer an observed shortage
 * (HPA's desired count above the fleet) first; the predicted base is launched cold. On scale-down, hosts go back to standby while the pool
 * is below the plan. The forecast and plan are recomputed every `replanMinutes` from r_0 … r_{t-1} only.
 */
export function planStrategy(augurs: Augurs, options: PlanStrategyOptions): Strategy & { readonly stats: PlanStrategyStats } {
  const hpa = new HpaRecommender();
  const stats: PlanStrategyStats = { plannedStandbyHostMinutes: 0, activatedHostMinutes: 0, activations: 0, replans: 0, replanSeconds: 0 };
  let plan: { startMinute: number; standby: number[]; point: readonly number[]; stepMinutes: number } | undefined;
  let lastPlan = -Infinity;
  let fromStandby = 0;
  return {
    name: 'forecast+plan',
    stats,
    decide(ctx: DecisionContext): FleetActions {
      const { t, fleet, config } = ctx;
      const reactive = hpa.desired(ctx);
      if (t - lastPlan >= options.replanMinutes && t >= options.minHistoryDays * 1440) {
        let n = Math.min(t, options.historyDays * 1440);
        n -= n % options.stepMinutes;
        const started = process.hrtime.bigint();
        const { plan: p, report } = analyseShadowFleet(augurs, { startMs: 0, stepMs: 60_000, values: ctx.history.slice(t - n, t) }, {
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
        plan = { startMinute: t, standby: p.hours.map((h) => h.standbyHosts), point: report.forecast.point, stepMinutes: options.stepMinutes };
        lastPlan = t;
      }
      const ahead = t + config.coldStart - (plan?.startMinute ?? 0);
      const target = plan ? (plan.standby[Math.floor(ahead / 60)] ?? 0) : 0;
      const predicted = plan ? Math.ceil((plan.point[Math.floor(ahead / plan.stepMinutes)] ?? 0) / config.capacity) : 0;
      const desired = Math.max(reactive, predicted);
      stats.plannedStandbyHostMinutes += target;

      const booting = fleet.bootingReadyAt.length;
      const total = fleet.serving + booting + fleet.activatingReadyAt.length;
      let activate = 0;
      let launch = 0;
      let cancelBooting = 0;
      let toStandby = 0;
      let removeServing = 0;
      if (desired > total) {
        // Standby hosts answer an observed shortage (what HPA reacts to); the predicted base is tier 2's
        // job, launched cold a cold start ahead, so the shadow pool stays for the excess it was planned for.
        activate = Math.min(Math.max(0, reactive - total), fleet.standby);
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
