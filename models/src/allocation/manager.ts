import { CapacityModel, type CapacitySample } from './capacity-model';
import { combineTiers } from './combine';
import { DEFAULT_POLICY } from '../policy/schema';
import { ShortTermForecaster, type ShortTermForecast } from './short-term-forecaster';
import type { ExternalForecast, ManagedFleet, ManagerSettings, PlannedStandby, ScalingDecision, StandbySizing, TierRecommendation } from './types';

/** Capacity samples kept for refitting tier 1 (one day of minutes). */
const CAPACITY_SAMPLE_WINDOW = 1440;
/** The longest a surplus standby host is kept, whatever the standby cost. */
const MAX_STANDBY_KEEP_MINUTES = 1440;

type Resolved = Required<ManagerSettings>;

function resolve(s: ManagerSettings): Resolved {
  const { servingQuantile, surgeQuantile } = DEFAULT_POLICY.targets;
  const r: Resolved = { forecast: {}, targetUtilisation: 1, servingQuantile, surgeQuantile, minHosts: 1, refitMinutes: 360, ...s };
  const check = (ok: boolean, msg: string): void => {
    if (!ok) throw new RangeError(msg);
  };
  check(r.capacityPerHost > 0, `capacityPerHost must be > 0, got ${r.capacityPerHost}`);
  check(Number.isInteger(r.coldStartMinutes) && r.coldStartMinutes >= 0, `coldStartMinutes must be a whole number ≥ 0, got ${r.coldStartMinutes}`);
  check(Number.isInteger(r.activationMinutes) && r.activationMinutes >= 0, `activationMinutes must be a whole number ≥ 0, got ${r.activationMinutes}`);
  check(r.standbyCost >= 0, `standbyCost must be ≥ 0, got ${r.standbyCost}`);
  check(r.targetUtilisation > 0 && r.targetUtilisation <= 1, `targetUtilisation must be in (0, 1], got ${r.targetUtilisation}`);
  check(r.servingQuantile > 0 && r.servingQuantile < 1, `servingQuantile must be in (0, 1), got ${r.servingQuantile}`);
  check(r.surgeQuantile >= r.servingQuantile && r.surgeQuantile < 1, `surgeQuantile must be in [servingQuantile, 1), got ${r.surgeQuantile}`);
  check(Number.isInteger(r.minHosts) && r.minHosts >= 0, `minHosts must be a whole number ≥ 0, got ${r.minHosts}`);
  return r;
}

function tier3Reason(sizing: StandbySizing, source: string, surgeQuantile: number): string {
  const activated = 'activated when the short-term forecast needs them';
  if (sizing === 'plan') return `standby hosts the trend plan wants ready for this hour (${source}); ${activated}`;
  if (sizing === 'plan-net') return `hosts the trend plan's upper bound needs this hour minus the serving pool tiers 1–2 plan (${source}); ${activated}`;
  return `standby for the ${surgeQuantile} surge quantile beyond what tiers 1–2 serve before a cold host could arrive`;
}

/**
 * The integrated resource manager (tiers 1–3). Feed it every minute's traffic (and, when known, the
 * hosts that served it and their utilisation) with `observe`, then ask `decide` what to do with the
 * fleet. The exporter and the simulator's `tiered` strategy run this same class.
 */
export class ResourceManager {
  readonly settings: Resolved;
  private readonly forecaster: ShortTermForecaster;
  private capacity: CapacityModel;
  private readonly samples: CapacitySample[] = [];
  private lastRequests: number | undefined;
  private sinceRefit = 0;
  /** Fleet plans (serving at cold start + standby) over the keep period (newest last). */
  private readonly fleetTargets: number[] = [];
  private readonly keepMinutes: number;

  constructor(settings: ManagerSettings) {
    this.settings = resolve(settings);
    const { coldStartMinutes: Lc, activationMinutes: Ls, standbyCost } = this.settings;
    this.forecaster = new ShortTermForecaster({ ...this.settings.forecast, maxHorizon: Math.max(Lc, Ls) + 1 });
    this.capacity = CapacityModel.nominal(this.settings.capacityPerHost);
    // Relaunching a removed standby host costs Lc host-minutes: keep a surplus one while that is cheaper.
    this.keepMinutes = Math.min(MAX_STANDBY_KEEP_MINUTES, standbyCost > 0 ? Math.ceil(Lc / standbyCost) : MAX_STANDBY_KEEP_MINUTES);
  }

  /** The capacity model tier 1 currently uses. */
  get capacityModel(): CapacityModel {
    return this.capacity;
  }

  /** Records one finished minute: requests received and, when known, hosts serving and their utilisation. */
  observe(minute: { requests: number; hosts?: number; utilisation?: number }): void {
    this.forecaster.observe(minute.requests);
    this.lastRequests = minute.requests;
    if (minute.hosts !== undefined && minute.utilisation !== undefined) {
      this.samples.push({ requests: minute.requests, hosts: minute.hosts, utilisation: minute.utilisation });
      if (this.samples.length > CAPACITY_SAMPLE_WINDOW) this.samples.shift();
    }
    if (++this.sinceRefit >= this.settings.refitMinutes) {
      this.sinceRefit = 0;
      this.capacity = CapacityModel.fit(this.samples) ?? this.capacity;
    }
  }

  /**
   * Decides the actions for the coming minute, with every tier's recommendation and reason. With
   * `plannedStandby` (the trend plan's standby hosts for the coming hour), tier 3 keeps that pool instead of
   * sizing its own from the surge forecast; the self-sized number is still reported beside it.
   */
  decide(fleet: ManagedFleet, plannedStandby?: PlannedStandby, external?: ExternalForecast): ScalingDecision {
    if (this.lastRequests === undefined) throw new Error('decide needs at least one observed minute of traffic');
    for (const [field, v] of [['hosts', plannedStandby?.hosts], ['upperHosts', plannedStandby?.upperHosts]] as const) {
      if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new RangeError(`plannedStandby.${field} must be a whole number ≥ 0, got ${v}`);
    }
    const s = this.settings;
    const u = s.targetUtilisation;
    const hosts = (requests: number): number => this.capacity.hostsFor(requests, u);
    const Lc = s.coldStartMinutes;
    const Ls = s.activationMinutes;
    // Tier 2 sizes for the larger of its own quantile forecast and the external (behaviour-aware) one.
    const ahead = (h: number): ShortTermForecast => {
      const own = this.forecaster.forecast(h, s.servingQuantile);
      const ext = external?.perMinute(h);
      return ext !== undefined && Number.isFinite(ext) && ext > own.value ? { ...own, value: ext } : own;
    };
    const now = ahead(1);
    const atActivation = ahead(Ls + 1);
    const atColdStart = ahead(Lc + 1);
    const externalAtColdStart = external?.perMinute(Lc + 1);
    const surge = this.forecaster.forecast(Math.max(Lc, Ls) + 1, s.surgeQuantile);
    const tier1 = hosts(this.lastRequests);
    const tier2AtColdStart = hosts(atColdStart.value);
    const tier3Surge = hosts(surge.value);
    const recentFleetTarget = this.fleetTargets.length > 0 ? Math.max(...this.fleetTargets) : 0;
    const { actions, combined } = combineTiers(fleet, {
      tier1,
      tier2Now: hosts(now.value),
      tier2AtActivation: hosts(atActivation.value),
      tier2AtColdStart,
      tier3Surge,
      plannedStandby: plannedStandby?.hosts,
      plannedUpperHosts: plannedStandby?.upperHosts,
      recentFleetTarget,
      minHosts: s.minHosts,
      coldStartMinutes: Lc,
      activationMinutes: Ls,
    });
    this.fleetTargets.push(combined.servingAtColdStart + combined.standby);
    if (this.fleetTargets.length > this.keepMinutes) this.fleetTargets.shift();
    const cap = { capacity_per_host: this.capacity.capacityPerHost, target_utilisation: u, capacity_samples: this.capacity.samples };
    const tiers: TierRecommendation[] = [
      { tier: 1, pool: 'serving', hosts: tier1, reason: 'hosts for the traffic of the last minute (learned capacity model)', numbers: { requests: this.lastRequests, ...cap } },
      {
        tier: 2,
        pool: 'serving',
        hosts: tier2AtColdStart,
        reason:
          externalAtColdStart !== undefined
            ? `hosts for the larger of the ${s.servingQuantile} forecast quantile and the ${external!.source} forecast ${Lc} min ahead, launched ahead by the cold start`
            : `hosts for the ${s.servingQuantile} forecast quantile ${Lc} min ahead, launched ahead by the cold start`,
        forecast: atColdStart,
        numbers: {
          now_hosts: hosts(now.value),
          at_activation_hosts: hosts(atActivation.value),
          ...(externalAtColdStart !== undefined ? { external_forecast: externalAtColdStart } : {}),
          ...cap,
        },
      },
      {
        tier: 3,
        pool: 'standby',
        hosts: combined.standby,
        reason: tier3Reason(combined.standbySizing, plannedStandby?.source ?? '', s.surgeQuantile),
        forecast: surge,
        numbers: {
          surge_hosts: tier3Surge,
          planned_serving_hosts: combined.servingAtColdStart,
          keep_minutes: this.keepMinutes,
          self_sized_standby_hosts: Math.max(0, tier3Surge - combined.servingAtColdStart),
          ...(plannedStandby ? { plan_standby_hosts: plannedStandby.hosts } : {}),
          ...(plannedStandby?.upperHosts !== undefined
            ? { plan_upper_hosts: plannedStandby.upperHosts, plan_net_standby_hosts: Math.max(0, plannedStandby.upperHosts - combined.servingAtColdStart) }
            : {}),
        },
      },
    ];
    return { actions, tiers, combined };
  }
}
