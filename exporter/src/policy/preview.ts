import path from 'node:path';
import {
  hpaStrategy,
  predictiveStrategy,
  simulate,
  simulateJson,
  tieredStrategy,
  type FleetActions,
  type SimConfig,
  type SimulateJson,
  type Strategy,
  type Trace,
  defaultCapacity,
} from '@shadowfleet/models';
import { sampleDataDir } from '../paths';
import { SIM_DEFAULTS } from '../sim/options';
import { readTraceFile } from '../sim/trace-file';
import type { Policy } from './schema';

/** The bundled trace slice previews replay: 3 days of NASA HTTP requests per minute (data/samples). */
export const PREVIEW_TRACE = path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');

/** Policy fields the simulator honours, and those it cannot model (kept for the live allocator). */
export const SIMULATED_FIELDS = ['strategy', 'targets', 'bounds', 'cooldowns'] as const;
export const NOT_SIMULATED_FIELDS = ['profilePriorities'] as const;

export interface PolicyPreview {
  readonly trace: { readonly file: string; readonly minutes: number; readonly capacity: number };
  readonly current: SimulateJson;
  readonly proposed: SimulateJson;
  readonly simulated: readonly string[];
  readonly notSimulated: readonly string[];
}

function innerStrategy(policy: Policy): Strategy {
  if (policy.strategy === 'hpa') return hpaStrategy();
  if (policy.strategy === 'predictive') return predictiveStrategy();
  return tieredStrategy({
    targetUtilisation: policy.targets.utilisation,
    servingQuantile: policy.targets.servingQuantile,
    surgeQuantile: policy.targets.surgeQuantile,
    minHosts: Math.max(1, policy.bounds.minHosts),
  });
}

/**
 * Applies the policy's bounds and cooldowns around any strategy: never more than maxHosts serving,
 * booting (cold or shadow) or activating; never removing serving hosts below minHosts; no new cold launches within
 * scaleUpMinutes of the last one; no scale-down within scaleDownMinutes of the last scale-up.
 */
export function policyStrategy(policy: Policy): Strategy {
  const inner = innerStrategy(policy);
  const { minHosts, maxHosts } = policy.bounds;
  const { scaleUpMinutes, scaleDownMinutes } = policy.cooldowns;
  let lastLaunch = -Infinity;
  let lastScaleUp = -Infinity;
  return {
    name: `${inner.name}+policy`,
    decide(ctx): FleetActions {
      const a = inner.decide(ctx);
      const { fleet } = ctx;
      const t = ctx.t;
      let launch = a.launch ?? 0;
      let activate = a.activate ?? 0;
      let removeServing = a.removeServing ?? 0;
      let toStandby = a.toStandby ?? 0;
      if (t - lastLaunch < scaleUpMinutes) launch = 0;
      // Scale-down first (cooldown, then minHosts), so the room below maxHosts counts only removals
      // that really happen.
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
        fleet.serving +
        fleet.bootingReadyAt.length +
        fleet.shadowBootingReadyAt.length +
        fleet.activatingReadyAt.length -
        removeServing -
        toStandby -
        cancelBooting -
        cancelShadow;
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

/** Replays the bundled trace under a policy. */
export function simulatePolicy(policy: Policy, trace: Trace, config: SimConfig): SimulateJson {
  return simulateJson(simulate(trace.requests, policyStrategy(policy), config));
}

/** Loads the preview trace once and compares the policy in force with a proposed one on it. */
export class PolicyPreviewer {
  private trace: Trace | undefined;
  /** The last policy in force and its result: saving rarely happens, previews often. */
  private cached: { key: string; result: SimulateJson } | undefined;

  constructor(private readonly traceFile: string = PREVIEW_TRACE) {}

  preview(current: Policy, proposed: Policy): PolicyPreview {
    this.trace ??= readTraceFile(this.traceFile);
    const config: SimConfig = { capacity: defaultCapacity(this.trace.requests), ...SIM_DEFAULTS };
    return {
      trace: { file: path.relative(path.dirname(sampleDataDir), this.traceFile), minutes: this.trace.requests.length, capacity: config.capacity },
      current: this.inForce(current, this.trace, config),
      proposed: simulatePolicy(proposed, this.trace, config),
      simulated: SIMULATED_FIELDS,
      notSimulated: NOT_SIMULATED_FIELDS,
    };
  }

  private inForce(policy: Policy, trace: Trace, config: SimConfig): SimulateJson {
    const key = JSON.stringify(policy);
    if (this.cached?.key !== key) this.cached = { key, result: simulatePolicy(policy, trace, config) };
    return this.cached.result;
  }
}
