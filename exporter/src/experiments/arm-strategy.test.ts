import type { AdaptiveStrategy, ReplayTuner } from '@shadowfleet/models';
import { abPathDelay } from './arm-delay';
import { armStrategy, tunerChoices } from './arm-strategy';

describe('armStrategy: the live A/B tuners score with the delay of the path that acts', () => {
  const settings = { tunerSegmentMinutes: 30, tunerWarmupMinutes: 60, actuationDelay: abPathDelay(60_000, 90).steps };

  it.each(['adaptive', 'replay-tuned'])('%s takes the A/B path\'s delay (webhook, and a cooldown longer than the minute)', (name) => {
    const tuner = armStrategy(name, settings) as AdaptiveStrategy | ReplayTuner;
    // 0.024 s of webhook and 30 s of cooldown beyond the 60 s step: not 0, and not the shipped Prometheus path's.
    expect(settings.actuationDelay).toBeCloseTo(30.024 / 60, 6);
    expect(tuner.actuationDelay).toBe(settings.actuationDelay);
    expect(tunerChoices(tuner)).toEqual([]);
  });

  it('hands the other strategies no tuner settings', () => {
    expect((armStrategy('hpa', settings) as Partial<ReplayTuner>).actuationDelay).toBeUndefined();
    expect(armStrategy('fixed', settings, 3).name).toBe('fixed-3');
  });
});
