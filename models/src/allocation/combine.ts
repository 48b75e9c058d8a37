import type { FleetActions } from '../sim/types';
import type { ManagedFleet, ScalingDecision, StandbySizing } from './types';

/** The tiers' sizes, in hosts, for the three moments the fleet can still change. */
export interface TierTargets {
  /** Tier 1: hosts for the traffic just observed. */
  readonly tier1: number;
  /** Tier 2: hosts for the forecast upper quantile now, at t + activation, and at t + cold start. */
  readonly tier2Now: number;
  readonly tier2AtActivation: number;
  readonly tier2AtColdStart: number;
  /** Tier 3: hosts for the surge quantile before a cold host could arrive (total, not extra). */
  readonly tier3Surge: number;
  /** Tier 3 from the trend plan: when set, the standby pool is this many hosts instead of surge − serving plan. */
  readonly plannedStandby?: number;
  /** Tier 3 from the trend plan, net: when set, the standby pool is these upper-bound hosts − serving plan (wins over plannedStandby). */
  readonly plannedUpperHosts?: number;
  /** Largest fleet (serving plan + standby pool) asked for over the recent keep period (hysteresis for removal). */
  readonly recentFleetTarget: number;
  readonly minHosts: number;
  readonly coldStartMinutes: number;
  readonly activationMinutes: number;
}

export const COMBINE_RULE =
  'serving = max(tier 1, tier 2) at each moment (both size the same serving pool, so they never add up); ' +
  'standby (tier 3) = surge forecast − the serving pool planned for the cold-start horizon (or, plan-sized, the trend plan\'s standby hosts for the hour, or its upper-bound hosts − the serving plan), kept as a separate pool; ' +
  'new capacity comes from standby first, cold hosts only for what standby and booting hosts cannot cover';

const readyWithin = (readyIn: readonly number[], minutes: number): number => readyIn.filter((m) => m <= minutes).length;

/**
 * Combines the tiers without double counting and turns them into actions on the fleet:
 * 1. serving now = max(tier 1, tier 2 now, tier 2 at activation); serving hosts above it return to standby;
 * 2. activate standby hosts so that max(tier 1, tier 2 at activation) serve when the activation completes;
 * 3. launch cold hosts for what max(tier 1, tier 2 at cold start) still lacks after counting serving,
 *    booting, activating, standby and shadow hosts that reach standby in time;
 * 4. keep a standby pool of tier 3 = surge − planned serving pool (or the trend plan's count when given): launch shadow hosts below it (cold
 *    hosts beyond the serving plan count towards it), and remove standby hosts (not the ones that left
 *    serving this minute) only while the whole fleet is above the largest plan of the recent keep period.
 */
export function combineTiers(fleet: ManagedFleet, t: TierTargets): Pick<ScalingDecision, 'actions' | 'combined'> {
  const servingAtActivation = Math.max(t.minHosts, t.tier1, t.tier2AtActivation);
  const servingNow = Math.max(t.minHosts, t.tier1, t.tier2Now, servingAtActivation);
  const servingAtColdStart = Math.max(t.minHosts, t.tier1, t.tier2AtColdStart);
  const selfSized = Math.max(0, t.tier3Surge - servingAtColdStart);
  const [standbyTarget, standbySizing]: [number, StandbySizing] =
    t.plannedUpperHosts !== undefined
      ? [Math.max(0, t.plannedUpperHosts - servingAtColdStart), 'plan-net']
      : t.plannedStandby !== undefined
        ? [t.plannedStandby, 'plan']
        : [selfSized, 'self'];

  const toStandby = Math.max(0, fleet.serving - servingNow);
  const serving = fleet.serving - toStandby;
  const readyAtActivation =
    serving + readyWithin(fleet.activatingReadyIn, t.activationMinutes) + readyWithin(fleet.bootingReadyIn, t.activationMinutes);
  const activate = Math.min(fleet.standby, Math.max(0, servingAtActivation - readyAtActivation));

  const shadowInTime = readyWithin(fleet.shadowBootingReadyIn, t.coldStartMinutes - t.activationMinutes);
  const reachable =
    serving + fleet.bootingReadyIn.length + fleet.activatingReadyIn.length + fleet.standby + toStandby + shadowInTime;
  const launch = Math.max(0, servingAtColdStart - reachable);

  // Hosts beyond the serving plan once this minute's launches are counted; they make up the standby pool.
  const lateShadow = fleet.shadowBootingReadyIn.length - shadowInTime;
  const spare = reachable + launch - servingAtColdStart + lateShadow;
  const launchShadow = Math.max(0, standbyTarget - spare);
  // Remove standby hosts only when the whole fleet exceeds the largest recent plan: hosts that just
  // left serving are kept while relaunching them later would cost more than their standby minutes.
  const keep = Math.max(servingAtColdStart + standbyTarget, t.recentFleetTarget);
  const fleetNow = reachable + lateShadow + launch + launchShadow;
  const removeStandby = Math.min(Math.max(0, fleet.standby - activate), Math.max(0, fleetNow - keep));

  const actions: FleetActions = { toStandby, activate, launch, launchShadow, removeStandby };
  return { actions, combined: { servingNow, servingAtActivation, servingAtColdStart, standby: standbyTarget, standbySizing, rule: COMBINE_RULE } };
}

