import { hpaStrategy } from '../sim/baselines/hpa';
import { predictiveStrategy } from '../sim/baselines/predictive';
import { tieredStrategy } from '../sim/strategies/tiered';
import type { ManagerSettings, ScalingDecision } from '../allocation/types';
import type { StandbyPlanSource } from '../sim/strategies/trend-standby';
import type { FleetActions, Strategy } from '../sim/types';
import type { Policy } from './schema';

/** What a caller of policyStrategy may add: the exporter watches decisions and may size tier 3 from the trend plan. */
export interface PolicyStrategyOptions {
  /** Sees every decision of the resource manager (strategy `tiered` only). */
  readonly onDecision?: (t: number, decision: ScalingDecision) => void;
  /** Tier 3 keeps the trend plan's standby pool where the plan reaches. */
  readonly standbyPlan?: StandbyPlanSource;
  /** Without an observed fleet, tier 1 learns from the utilisation the simulator implies; default true (the exporter turns it off). */
  readonly synthesiseUtilisation?: boolean;
  /**
   * Internals of the short-term forecaster behind tiers 2–3 (level, trend, burst-phase thresholds …), for the
   * tuning audit only (`npm run bench -- tuning-audit`); the exporter passes none, so their code defaults act.
   */
  readonly forecast?: ManagerSettings['forecast'];
}

function innerStrategy(policy: Policy, o: PolicyStrategyOptions): Strategy {
  if (policy.strategy === 'hpa') return hpaStrategy();
  if (policy.strategy === 'predictive') return predictiveStrategy();
  return tieredStrategy({
    targetUtilisation: policy.targets.utilisation,
    servingQuantile: policy.targets.servingQuantile,
    surgeQuantile: policy.targets.surgeQuantile,
    minHosts: Math.max(1, policy.bounds.minHosts),
    useExternalForecast: policy.forecast === 'behaviour',
    synthesiseUtilisation: o.synthesiseUtilisation,
    ...(o.forecast ? { forecast: o.forecast } : {}),
    ...(o.standbyPlan ? { standbyPlan: o.standbyPlan, name: 'tiered' } : {}),
  }, o.onDecision);
}

/**
 * The strategy a policy selects, with the policy's bounds and cooldowns applied around it: never more than
 * maxHosts serving, booting (cold or shadow) or activating; never removing serving hosts below minHosts; no
 * new cold launches within scaleUpMinutes of the last one; no scale-down within scaleDownMinutes of the last
 * scale-up. `shadowfleet simulate` and the exporter's resource manager both run the strategy this returns.
 * Times are the strategy's steps (minutes in the simulator, decision intervals in the exporter).
 */
export function policyStrategy(policy: Policy, options: PolicyStrategyOptions = {}): Strategy {
  const inner = innerStrategy(policy, options);
  const { minHosts, maxHosts } = policy.bounds;
  const { scaleUpMinutes, scaleDownMinutes } = policy.cooldowns;
  let lastLaunch = -Infinity;
  let lastScaleUp = -Infinity;
  return {
    name: inner.name,
    decide(ctx): FleetActions {
      const a = inner.decide(ctx);
      const { fleet, t } = ctx;
      let launch = a.launch ?? 0;
      let activate = a.activate ?? 0;
      let removeServing = a.removeServing ?? 0;
      let toStandby = a.toStandby ?? 0;
      if (t - lastLaunch < scaleUpMinutes) launch = 0;
      // Scale-down first (cooldown, then minHosts), so the room below maxHosts counts only removals that happen.
      if (t - lastScaleUp < scaleDownMinutes) {
        removeServing = 0;
        toStandby = 0;
      }
      const removable = Math.max(0, fleet.serving - minHosts);
      toStandby = Math.min(toStandby, removable);
      removeServing = Math.min(removeServing, removable - toStandby);
      const cancelBooting = Math.min(a.cancelBooting ?? 0, fleet.bootingReadyAt.length);
      const cancelShadow = Math.min(a.cancelShadowBooting ?? 0, fleet.shadowBootingReadyAt.length);
      // maxHosts bounds every host at full cost: serving, booting (cold or shadow) and activating.
      const upcoming =
        fleet.serving + fleet.bootingReadyAt.length + fleet.shadowBootingReadyAt.length + fleet.activatingReadyAt.length - removeServing - toStandby - cancelBooting - cancelShadow;
      const room = Math.max(0, maxHosts - upcoming);
      activate = Math.min(activate, room);
      launch = Math.min(launch, room - activate);
      const launchShadow = Math.min(a.launchShadow ?? 0, room - activate - launch);
      if (launch > 0) lastLaunch = t;
      if (launch > 0 || activate > 0) lastScaleUp = t;
      return { ...a, launch, activate, removeServing, toStandby, launchShadow };
    },
  };
}
