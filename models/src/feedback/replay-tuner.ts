import type { ResourceManager } from '../allocation/manager';
import { Fleet } from '../sim/fleet';
import { tieredStrategy } from '../sim/strategies/tiered';
import type { DecisionContext, FleetActions, Strategy } from '../sim/types';
import { resolveTuning, type AdaptiveOptions, type SegmentRecord } from './adaptive-strategy';
import { armLabel, armOptions, type TuningArm } from './arms';
import { decideMinute, SegmentLedger, segmentLoss } from './segment-ledger';

/** One arm replayed on the measured traffic: its own manager driving its own simulated fleet. */
interface ReplayArm {
  readonly strategy: Strategy;
  readonly fleet: Fleet;
  readonly ledger: SegmentLedger;
  last: { serving: number; cost: number };
  totalLoss: number;
}

export interface ReplayTunerOptions extends AdaptiveOptions {
  /** Arm that runs the real fleet in the first segment; default 0. */
  readonly initialArm?: number;
}

/** The replay tuner, with what it learnt. */
export interface ReplayTuner extends Strategy {
  readonly arms: readonly TuningArm[];
  /** Every arm's replayed loss per segment (segment-major). */
  readonly replayed: readonly SegmentRecord[];
  /** The arm that ran the real fleet in each segment. */
  readonly chosen: readonly number[];
  /** The delay every arm is scored with (steps). */
  readonly actuationDelay: number;
}

/**
 * Strategy `replay-tuned`: full-information tuning. The traffic does not depend on the fleet, so every
 * arm can be scored on every segment by replaying the measured traffic through that arm's own manager
 * and a simulated fleet (what it would have cost and where it would have under-provisioned). After each
 * segment the real fleet is run with the arm of lowest total replayed loss (follow the leader). Unlike
 * the bandit, no arm is judged on a different day than the others. Each arm's fleet is measured with the
 * path's actuation delay (its books seen `actuationDelay` steps later), as a simulation of that arm alone
 * on the path that acts would measure it. Guard rails as in `adaptive`.
 */
export function replayTuner(options: ReplayTunerOptions): ReplayTuner {
  const { rails, arms, segmentMinutes, underPenalty, warmupMinutes, actuationDelay, managerFor } = resolveTuning(options);
  const initial = options.initialArm ?? 0;
  if (!(Number.isInteger(initial) && initial >= 0 && initial < arms.length)) throw new RangeError(`initialArm must be in 0 … ${arms.length - 1}, got ${initial}`);
  const replayed: SegmentRecord[] = [];
  const chosen: number[] = [];
  let replays: ReplayArm[] = [];
  let manager: ResourceManager | undefined;
  let active = -1;
  let last = { serving: 0, cost: 0 };
  let minutesInSegment = 0;

  return {
    name: 'replay-tuned',
    arms,
    replayed,
    chosen,
    actuationDelay,
    decide(ctx: DecisionContext): FleetActions {
      const { t, fleet, config, history } = ctx;
      const requests = history.at(t - 1);
      if (t === 1) {
        last = { serving: fleet.serving, cost: fleet.serving };
        replays = arms.map((a) => ({
          strategy: tieredStrategy(armOptions(a, rails, options.base)),
          fleet: new Fleet(fleet.serving, config),
          ledger: new SegmentLedger(actuationDelay),
          last: { serving: fleet.serving, cost: fleet.serving },
          totalLoss: 0,
        }));
      }
      manager?.observe({ requests, hosts: last.serving, utilisation: Math.min(1, requests / (last.serving * config.capacity)) });
      // Replay minute t-1's traffic through every arm, then let each decide minute t on its own fleet.
      for (const r of replays) {
        r.ledger.record(requests, r.last.serving, r.last.cost);
        r.fleet.advance(t);
        const snapshot = r.fleet.snapshot();
        const a = r.strategy.decide({ t, history, fleet: snapshot, config });
        r.fleet.apply(t, a);
        r.last = { serving: r.fleet.serving, cost: r.fleet.fullPriceHosts + config.shadowCost * r.fleet.standby };
      }
      minutesInSegment++;
      if (manager === undefined || minutesInSegment === segmentMinutes) {
        let next = initial;
        if (manager !== undefined) {
          minutesInSegment = 0;
          replays.forEach((r, arm) => {
            const metrics = r.ledger.close(config);
            const loss = segmentLoss(metrics, underPenalty);
            r.totalLoss += loss;
            replayed.push({ segment: chosen.length - 1, arm, label: armLabel(arms[arm]), loss, metrics });
          });
          next = replays.reduce((best, r, i) => (r.totalLoss < replays[best].totalLoss ? i : best), 0);
        }
        chosen.push(next);
        if (next !== active) {
          active = next;
          manager = managerFor(active, config);
          for (let m = Math.max(0, t - warmupMinutes); m < t; m++) manager.observe({ requests: history.at(m) });
        }
      }
      const { actions, outcome } = decideMinute(manager!, fleet, t, config);
      last = outcome;
      return actions;
    },
  };
}
