import { combineTiers, type TierTargets } from './combine';
import type { ManagedFleet } from './types';

const fleet = (over: Partial<ManagedFleet> = {}): ManagedFleet => ({
  serving: 10,
  bootingReadyIn: [],
  shadowBootingReadyIn: [],
  standby: 0,
  activatingReadyIn: [],
  ...over,
});
const targets = (over: Partial<TierTargets> = {}): TierTargets => ({
  tier1: 12,
  tier2Now: 8,
  tier2AtActivation: 9,
  tier2AtColdStart: 11,
  tier3Surge: 14,
  recentFleetTarget: 0,
  minHosts: 1,
  coldStartMinutes: 5,
  activationMinutes: 1,
  ...over,
});

describe('combining tiers without double counting', () => {
  it('serves the larger of tiers 1 and 2, never their sum, and keeps standby as a separate pool', () => {
    const { actions, combined } = combineTiers(fleet(), targets());
    expect(combined).toMatchObject({ servingNow: 12, servingAtActivation: 12, servingAtColdStart: 12, standby: 2 });
    // 2 cold hosts fill the serving plan; 2 shadow hosts make the standby pool (surge 14 = 12 + 2).
    expect(actions).toEqual({ toStandby: 0, activate: 0, launch: 2, launchShadow: 2, removeStandby: 0 });
  });

  it('draws on standby hosts before launching cold ones', () => {
    const { actions } = combineTiers(fleet({ standby: 5 }), targets({ recentFleetTarget: 20 }));
    expect(actions).toEqual({ toStandby: 0, activate: 2, launch: 0, launchShadow: 0, removeStandby: 0 });
  });

  it('counts booting hosts towards the cold-start horizon but not towards the next minute', () => {
    const { actions } = combineTiers(fleet({ bootingReadyIn: [3, 4] }), targets());
    expect(actions).toMatchObject({ activate: 0, launch: 0, launchShadow: 2 });
  });

  it('counts shadow hosts that reach standby in time, and only those', () => {
    // Lc − Ls = 4: the host ready in 2 can serve in time, the one ready in 5 only joins the standby pool.
    expect(combineTiers(fleet({ shadowBootingReadyIn: [2, 5] }), targets()).actions).toMatchObject({ launch: 1, launchShadow: 1 });
  });

  it('keeps no standby when the surge forecast is within the serving plan', () => {
    const { actions, combined } = combineTiers(fleet(), targets({ tier3Surge: 10 }));
    expect(combined.standby).toBe(0);
    expect(actions.launchShadow).toBe(0);
  });

  it('returns surplus serving hosts to standby at once and removes standby only above the recent plan', () => {
    const down = targets({ tier1: 5, tier2Now: 6, tier2AtActivation: 7, tier2AtColdStart: 7, tier3Surge: 9 });
    expect(combineTiers(fleet({ serving: 20 }), down).actions).toEqual({ toStandby: 13, activate: 0, launch: 0, launchShadow: 0, removeStandby: 0 });
    expect(combineTiers(fleet({ serving: 7, standby: 13 }), { ...down, recentFleetTarget: 20 }).actions.removeStandby).toBe(0);
    expect(combineTiers(fleet({ serving: 7, standby: 13 }), { ...down, recentFleetTarget: 12 }).actions.removeStandby).toBe(8);
  });

  it('keeps the trend plan\'s standby count instead of its own when one is given, whatever the surge forecast says', () => {
    expect(combineTiers(fleet(), targets()).combined).toMatchObject({ standby: 2, standbySizing: 'self' });
    const planned = combineTiers(fleet(), targets({ plannedStandby: 5 }));
    expect(planned.combined).toMatchObject({ standby: 5, standbySizing: 'plan', servingAtColdStart: 12 });
    expect(planned.actions).toMatchObject({ launch: 2, launchShadow: 5 });
    // A plan of zero empties the pool even though the surge forecast (14) is above the serving plan (12).
    const none = combineTiers(fleet({ serving: 12, standby: 4 }), targets({ plannedStandby: 0 }));
    expect(none.combined.standby).toBe(0);
    expect(none.actions).toMatchObject({ launchShadow: 0, removeStandby: 4 });
  });

  it('nets the plan\'s upper-bound hosts against the serving plan when given them (plan-net)', () => {
    // Serving plan 12: upper 17 leaves 5 standby; upper 10 leaves none; it wins over a plain planned count.
    expect(combineTiers(fleet(), targets({ plannedUpperHosts: 17, plannedStandby: 1 })).combined).toMatchObject({ standby: 5, standbySizing: 'plan-net' });
    expect(combineTiers(fleet(), targets({ plannedUpperHosts: 10 })).combined).toMatchObject({ standby: 0, standbySizing: 'plan-net' });
  });

  it('never goes below the minimum number of hosts', () => {
    const zero = targets({ tier1: 0, tier2Now: 0, tier2AtActivation: 0, tier2AtColdStart: 0, tier3Surge: 0, minHosts: 2 });
    const { actions, combined } = combineTiers(fleet({ serving: 5 }), zero);
    expect(combined.servingNow).toBe(2);
    expect(actions.toStandby).toBe(3);
  });
});
