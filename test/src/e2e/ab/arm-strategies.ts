import { adaptiveStrategy, replayTuner, strategyFor, type Strategy } from '@shadowfleet/models';

/** How the tuners run live: segments short enough to end within the run, a shorter warm-up on switch. */
export interface TunerSettings {
  readonly tunerSegmentMinutes: number;
  readonly tunerWarmupMinutes: number;
}

/**
 * A fresh strategy for a pool by name (models/src/sim/strategies.ts). The tuners (`adaptive`,
 * `replay-tuned`) score segments of `tunerSegmentMinutes` instead of their default day, which would
 * not end within a live run; every other name is `strategyFor(name)` at its defaults.
 */
export function armStrategy(name: string, s: TunerSettings): Strategy {
  const tuner = { segmentMinutes: s.tunerSegmentMinutes, warmupMinutes: s.tunerWarmupMinutes };
  if (name === 'adaptive') return adaptiveStrategy(tuner);
  if (name === 'replay-tuned') return replayTuner(tuner);
  return strategyFor(name);
}
