import type { ResourceManager } from '../allocation/manager';
import type { TieredOptions } from '../sim/strategies/tiered';
import type { DecisionContext, FleetActions, SimConfig, SimMetrics, Strategy } from '../sim/types';
import { applyGuardRails, armLabel, DEFAULT_ARMS, managerForArm, resolveGuardRails, validateArm, type GuardRails, type TuningArm } from './arms';
import { checkActuationDelay } from '../sim/actuation';
import { decideMinute, SegmentLedger, segmentLoss } from './segment-ledger';
import { GaussianThompson } from './thompson';

export interface AdaptiveOptions {
  /**
   * Steps from a decision to the pool on the path that acts (SimConfig.actuationDelay; the shipped path's
   * is derived by the exporter, exporter/src/sim/actuation-delay.ts). Segments and arms are scored on the
   * books seen that much later, as the simulator and the replay measure them. Required: 0 only where the
   * decisions really act at once.
   */
  readonly actuationDelay: number;
  /** Parameter settings to choose from (moved inside the guard rails); default DEFAULT_ARMS. */
  readonly arms?: readonly TuningArm[];
  readonly guardRails?: GuardRails;
  /** Minutes per segment: one arm per segment, scored when it ends; default 1440 (a day). */
  readonly segmentMinutes?: number;
  /** Loss per percentage point of under-provisioned minutes, added to the cost ratio; default 0.2. */
  readonly underPenalty?: number;
  /** Minutes of past traffic a newly chosen arm's manager is warmed on; default 10080 (the forecaster's error window). */
  readonly warmupMinutes?: number;
  /** Seed of the bandit; default 1. */
  readonly seed?: number;
  /** Manager options the tuner leaves alone (forecast settings …). */
  readonly base?: Omit<TieredOptions, 'targetUtilisation' | 'servingQuantile' | 'surgeQuantile'>;
}

/** One scored segment of an adaptive run. */
export interface SegmentRecord {
  readonly segment: number;
  readonly arm: number;
  readonly label: string;
  readonly loss: number;
  readonly metrics: SimMetrics;
}

/** The `adaptive` strategy, with what it learnt. */
export interface AdaptiveStrategy extends Strategy {
  /** Arms after the guard rails, as played. */
  readonly arms: readonly TuningArm[];
  readonly segments: readonly SegmentRecord[];
  readonly bandit: GaussianThompson;
  /** The delay its segments are measured with (steps). */
  readonly actuationDelay: number;
  /** Manager settings in force now (undefined before the first decision). */
  settings(): ResourceManager['settings'] | undefined;
}

/** The options both tuners share, checked and with their defaults (arms moved inside the guard rails). */
export function resolveTuning(options: AdaptiveOptions) {
  const rails = resolveGuardRails(options.guardRails);
  const arms = (options.arms ?? DEFAULT_ARMS).map((a, i) => applyGuardRails(validateArm(a, i), rails));
  if (arms.length === 0) throw new RangeError('arms must hold at least one parameter setting');
  const segmentMinutes = options.segmentMinutes ?? 1440;
  if (!(Number.isInteger(segmentMinutes) && segmentMinutes >= 2)) throw new RangeError(`segmentMinutes must be a whole number ≥ 2, got ${segmentMinutes}`);
  const underPenalty = options.underPenalty ?? 0.2;
  if (!(underPenalty >= 0)) throw new RangeError(`underPenalty must be ≥ 0, got ${underPenalty}`);
  const warmupMinutes = options.warmupMinutes ?? 10080;
  if (!(Number.isInteger(warmupMinutes) && warmupMinutes >= 0)) throw new RangeError(`warmupMinutes must be a whole number ≥ 0, got ${warmupMinutes}`);
  const actuationDelay = checkActuationDelay(options.actuationDelay);
  /** A fresh manager with one arm's settings. */
  const managerFor = (arm: number, config: SimConfig): ResourceManager => managerForArm(arms[arm], rails, config, options.base);
  return { rails, arms, segmentMinutes, underPenalty, warmupMinutes, actuationDelay, managerFor };
}

/**
 * Strategy `adaptive`: the tiered resource manager whose headroom, activation threshold and standby
 * size are tuned segment by segment by Thompson sampling on what each segment measured (cost ratio +
 * under-provisioning penalty). Every setting is first moved inside the guard rails, so none goes below
 * the configured minimums. When the bandit picks another arm, a fresh manager with that arm's settings
 * is warmed on the past `warmupMinutes` of traffic (which the strategy has already seen). Each segment is
 * measured with the path's actuation delay, as the simulator measures the run.
 */
export function adaptiveStrategy(options: AdaptiveOptions): AdaptiveStrategy {
  const { arms, segmentMinutes, underPenalty, warmupMinutes, actuationDelay, managerFor } = resolveTuning(options);
  const bandit = new GaussianThompson(arms.length, { seed: options.seed ?? 1 });
  const segments: SegmentRecord[] = [];
  const ledger = new SegmentLedger(actuationDelay);
  let manager: ResourceManager | undefined;
  let active = -1;
  let last = { serving: 0, cost: 0 };

  return {
    name: 'adaptive',
    arms,
    segments,
    bandit,
    actuationDelay,
    settings: () => manager?.settings,
    decide(ctx: DecisionContext): FleetActions {
      const { t, fleet, config } = ctx;
      const requests = ctx.history.at(t - 1);
      // Minute t-1 is over: what served it and what it cost (minute 0 is the simulator's initial fleet).
      if (t === 1) last = { serving: fleet.serving, cost: fleet.serving };
      ledger.record(requests, last.serving, last.cost);
      manager?.observe({ requests, hosts: last.serving, utilisation: Math.min(1, requests / (last.serving * config.capacity)) });
      if (manager === undefined || ledger.minutes === segmentMinutes) {
        if (manager !== undefined) {
          const metrics = ledger.close(config);
          const loss = segmentLoss(metrics, underPenalty);
          bandit.update(active, loss);
          segments.push({ segment: segments.length, arm: active, label: armLabel(arms[active]), loss, metrics });
        }
        const next = bandit.select();
        if (next !== active) {
          active = next;
          manager = managerFor(active, config);
          for (let m = Math.max(0, t - warmupMinutes); m < t; m++) manager.observe({ requests: ctx.history.at(m) });
        }
      }
      const { actions, outcome } = decideMinute(manager!, fleet, t, config);
      last = outcome;
      return actions;
    },
  };
}
