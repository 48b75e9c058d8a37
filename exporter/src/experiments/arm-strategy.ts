import { adaptiveStrategy, armLabel, replayTuner, strategyFor, type AdaptiveStrategy, type ReplayTuner, type Strategy } from '@shadowfleet/models';
import { loadAugursSync } from '../trend/augurs';
import { fixedStrategy } from './live-arm';

/**
 * How the tuners run live: segments short enough to end within the run, a shorter warm-up on switch, and
 * the actuation delay (steps) of the path the arm's decisions act through, which they score arms with.
 */
export interface TunerSettings {
  readonly tunerSegmentMinutes: number;
  readonly tunerWarmupMinutes: number;
  readonly actuationDelay: number;
}

/** The strategy name that keeps a pool at a fixed size (`hosts`), beside those of strategyFor. */
export const FIXED_STRATEGY = 'fixed';

/**
 * A fresh strategy for a pool by name (models/src/sim/strategies.ts), or `fixed` with its `hosts`.
 * The tuners (`adaptive`, `replay-tuned`) score segments of `tunerSegmentMinutes` instead of their
 * default day, which would not end within a live run, and score arms with `actuationDelay`; every other
 * name is `strategyFor(name)`.
 */
export function armStrategy(name: string, s: TunerSettings, hosts?: number): Strategy {
  if (name === FIXED_STRATEGY) {
    if (hosts === undefined) throw new RangeError('strategy "fixed" needs hosts (the pool size it keeps)');
    return fixedStrategy(hosts);
  }
  const tuner = { segmentMinutes: s.tunerSegmentMinutes, warmupMinutes: s.tunerWarmupMinutes, actuationDelay: s.actuationDelay };
  if (name === 'adaptive') return adaptiveStrategy(tuner);
  if (name === 'replay-tuned') return replayTuner(tuner);
  return strategyFor(name, { augurs: loadAugursSync });
}

/** The settings a tuner (adaptive, replay-tuned) ran per segment, as armLabel strings; undefined for other strategies. */
export function tunerChoices(s: Strategy): string[] | undefined {
  const t = s as Partial<ReplayTuner> & Partial<AdaptiveStrategy>;
  if (t.arms && t.chosen) return t.chosen.map((i) => armLabel(t.arms![i]));
  if (t.arms && t.segments) return t.segments.map((seg) => seg.label);
  return undefined;
}

/**
 * The tier label an arm's set-points carry: 1 for the reactive strategies (and a fixed pool), 2 for the
 * forecast-only one, 3 for the tiered manager and the tuners that run it (serving plus shadow pool).
 */
export function tierOf(name: string): 1 | 2 | 3 {
  if (name === FIXED_STRATEGY || name === 'hpa') return 1;
  if (name === 'predictive') return 2;
  return 3;
}
