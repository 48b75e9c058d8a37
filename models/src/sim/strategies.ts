import { adaptiveStrategy } from '../feedback/adaptive-strategy';
import { replayTuner } from '../feedback/replay-tuner';
import { hpaStrategy } from './baselines/hpa';
import { simulateOracle } from './baselines/oracle';
import { predictiveStrategy } from './baselines/predictive';
import { simulate, type SimResult, type SimulateOptions } from './simulate';
import type { Augurs } from '../trend/augurs';
import { tieredStrategy } from './strategies/tiered';
import { DEFAULT_POLICY } from '../policy/schema';
import { policyStrategy } from '../policy/strategy';
import { trendStandbyPlan } from './strategies/trend-standby';
import type { SimConfig, Strategy } from './types';

/** Strategy names accepted by `shadowfleet simulate --strategy`. */
export const STRATEGY_NAMES = ['tiered', 'hpa', 'predictive', 'oracle', 'adaptive', 'replay-tuned', 'tiered-plan', 'tiered-plan-net'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** What some strategies need from the caller: @bsull/augurs, loaded (by the exporter, exporter/src/trend/augurs.ts). */
export interface StrategyDeps {
  readonly augurs?: () => Augurs;
  /**
   * Steps from a decision to the pool on the path the strategy acts through: the tuners score their arms
   * with it (they refuse to start without it). runStrategy passes its config's.
   */
  readonly actuationDelay?: number;
}

export interface RunStrategyOptions extends SimulateOptions, StrategyDeps {}

function delayFor(name: StrategyName, deps: StrategyDeps): number {
  if (deps.actuationDelay === undefined) throw new Error(`strategy "${name}" scores its arms with the actuation delay of the path that acts: pass { actuationDelay } (0 only if decisions act at once)`);
  return deps.actuationDelay;
}

function augursFor(name: StrategyName, deps: StrategyDeps): Augurs {
  if (!deps.augurs) throw new Error(`strategy "${name}" forecasts with @bsull/augurs: pass { augurs } (the exporter's loadAugursSync in exporter/src/trend/augurs.ts)`);
  return deps.augurs();
}

/** Makes a fresh (stateful) strategy for one run. */
const factories: Partial<Record<StrategyName, (deps: StrategyDeps) => Strategy>> = {
  // The resource manager under the default policy: the same code and policy object the exporter runs.
  tiered: () => policyStrategy(DEFAULT_POLICY),
  // Tier 3 sized from the trend plan, refitted once a simulated day on the past minutes (see trend-standby.ts).
  'tiered-plan': (deps) => tieredStrategy({ standbyPlan: trendStandbyPlan(augursFor('tiered-plan', deps)) }),
  // The same plan, net of the serving pool tiers 1–2 really plan (upper-bound hosts − serving).
  'tiered-plan-net': (deps) => tieredStrategy({ name: 'tiered-plan-net', standbyPlan: trendStandbyPlan(augursFor('tiered-plan-net', deps), { sizing: 'plan-net' }) }),
  hpa: hpaStrategy,
  predictive: predictiveStrategy,
  // The tuners at their defaults (a day per segment, penalty 0.2, guard rails; models/src/feedback), scoring with the path's delay.
  adaptive: (deps) => adaptiveStrategy({ actuationDelay: delayFor('adaptive', deps) }),
  'replay-tuned': (deps) => replayTuner({ actuationDelay: delayFor('replay-tuned', deps) }),
};

export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}

/** A fresh step-by-step strategy by name (every name but `oracle`, which needs foresight). */
export function strategyFor(name: string, deps: StrategyDeps = {}): Strategy {
  if (!isStrategyName(name)) throw new RangeError(`strategy must be one of ${STRATEGY_NAMES.join(', ')}, got "${name}"`);
  const factory = factories[name];
  if (!factory) throw new RangeError(`strategy "${name}" cannot run step by step (it needs the whole trace in advance)`);
  return factory(deps);
}

/** Runs one named strategy on a trace; `oracle` is computed with foresight, the rest step by step. */
export function runStrategy(name: string, requests: ArrayLike<number>, config: SimConfig, options: RunStrategyOptions = {}): SimResult {
  if (!isStrategyName(name)) throw new RangeError(`strategy must be one of ${STRATEGY_NAMES.join(', ')}, got "${name}"`);
  if (name === 'oracle') return simulateOracle(requests, config, options);
  const factory = factories[name];
  if (!factory) throw new Error(`strategy "${name}" is not available in this build`);
  // The tuners score their arms with the delay this simulation acts with.
  return simulate(requests, factory({ ...options, actuationDelay: config.actuationDelay ?? 0 }), config, options);
}
