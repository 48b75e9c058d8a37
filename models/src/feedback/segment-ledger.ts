import { checkActuationDelay, lagged, measuredSupply } from '../sim/actuation';
import { demandSeries } from '../sim/demand';
import { elasticityMetrics, oracleCost } from '../sim/metrics';
import type { ResourceManager } from '../allocation/manager';
import type { FleetActions, FleetSnapshot, SimConfig, SimMetrics } from '../sim/types';

/** Hosts serving in minute t and its cost, once the actions decided at the start of t are applied. */
export function minuteOutcome(fleet: FleetSnapshot, a: FleetActions, config: SimConfig): { serving: number; cost: number } {
  const activate = a.activate ?? 0;
  const launch = a.launch ?? 0;
  const launchShadow = a.launchShadow ?? 0;
  const instantActivation = config.shadowActivation === 0;
  const instantBoot = config.coldStart === 0;
  const serving = fleet.serving - (a.removeServing ?? 0) - (a.toStandby ?? 0) + (instantActivation ? activate : 0) + (instantBoot ? launch : 0);
  const standby = fleet.standby + (a.toStandby ?? 0) - (a.removeStandby ?? 0) - activate + (instantBoot ? launchShadow : 0);
  const booting = fleet.bootingReadyAt.length - (a.cancelBooting ?? 0) + (instantBoot ? 0 : launch);
  const shadowBooting = fleet.shadowBootingReadyAt.length - (a.cancelShadowBooting ?? 0) + (instantBoot ? 0 : launchShadow);
  const activating = fleet.activatingReadyAt.length + (instantActivation ? 0 : activate);
  return { serving, cost: serving + booting + shadowBooting + activating + config.shadowCost * standby };
}

/** The manager's actions at the start of minute t (ready times made relative to t) and their outcome. */
export function decideMinute(manager: ResourceManager, fleet: FleetSnapshot, t: number, config: SimConfig): { actions: FleetActions; outcome: { serving: number; cost: number } } {
  const inMinutes = (readyAt: readonly number[]): number[] => readyAt.map((m) => m - t);
  const { actions } = manager.decide({
    serving: fleet.serving,
    bootingReadyIn: inMinutes(fleet.bootingReadyAt),
    shadowBootingReadyIn: inMinutes(fleet.shadowBootingReadyAt),
    standby: fleet.standby,
    activatingReadyIn: inMinutes(fleet.activatingReadyAt),
  });
  return { actions, outcome: minuteOutcome(fleet, actions, config) };
}

/**
 * What a strategy measures about its own segment of minutes: requests, and the hosts serving and the cost
 * per minute of its books (the fleet as its actions leave it), all known once the minute is over (no
 * peeking). Scored like the simulator scores a run: the books are seen `actuationDelay` steps later, as
 * the real pool follows them on the path that acts (models/src/sim/actuation.ts), so a segment's first
 * minutes still show the end of the previous one.
 */
export class SegmentLedger {
  private requests: number[] = [];
  /** Books of the segment's minutes, after the last minutes of the previous segment the delay still shows. */
  private serving: number[] = [];
  private cost: number[] = [];
  private carried = 0;
  readonly actuationDelay: number;

  /** `actuationDelay`: steps from a decision to the pool on the path that acts (SimConfig.actuationDelay); 0 acts at once. */
  constructor(actuationDelay: number) {
    this.actuationDelay = checkActuationDelay(actuationDelay);
  }

  record(requests: number, serving: number, cost: number): void {
    this.requests.push(requests);
    this.serving.push(serving);
    this.cost.push(cost);
  }

  get minutes(): number {
    return this.requests.length;
  }

  /** The segment's elasticity metrics (oracle cost of the segment on its own), then a fresh segment. */
  close(config: SimConfig): SimMetrics {
    if (this.requests.length === 0) throw new Error('the segment has no recorded minutes');
    const demand = demandSeries(this.requests, config.capacity);
    const supply = measuredSupply(lagged(this.serving, this.actuationDelay)).subarray(this.carried);
    const cost = lagged(this.cost, this.actuationDelay)
      .subarray(this.carried)
      .reduce((a, b) => a + b, 0);
    const m = elasticityMetrics({ requests: this.requests, demand, supply, capacity: config.capacity, cost, oracleCost: oracleCost(demand, config.coldStart) });
    // The next segment's first minutes lag into this one's last: keep the books the delay reaches back to.
    const keep = Math.min(this.serving.length, Math.floor(this.actuationDelay) + 1);
    this.serving = this.serving.slice(-keep);
    this.cost = this.cost.slice(-keep);
    this.carried = keep;
    this.requests = [];
    return m;
  }
}

/** Loss of a segment: cost ratio plus `underPenalty` per percentage point of under-provisioned minutes. */
export function segmentLoss(m: SimMetrics, underPenalty: number): number {
  return m.cost_ratio + underPenalty * m.tau_U;
}
