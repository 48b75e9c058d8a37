import { adaptiveStrategy } from '../feedback/adaptive-strategy';
import { replayTuner } from '../feedback/replay-tuner';
import * as simulateModule from './simulate';
import { simulate } from './simulate';
import { isStrategyName, runStrategy, STRATEGY_NAMES, strategyFor } from './strategies';
import type { SimConfig } from './types';

const config: SimConfig = { capacity: 10, coldStart: 2, shadowActivation: 1, shadowCost: 0.1 };
// Ten hours of a wave with a burst (short, so the test stays fast; the tuners' segment is a day, so
// this checks the wiring by name, not the tuning, which models/src/feedback tests).
const trace = Array.from({ length: 600 }, (_, m) => Math.round(60 + 40 * Math.sin((2 * Math.PI * m) / 300) + (m >= 400 && m < 430 ? 80 : 0)));

describe('named strategies (shadowfleet simulate --strategy)', () => {
  it('lists the tuners beside the fixed strategies', () => {
    expect(STRATEGY_NAMES).toEqual(expect.arrayContaining(['tiered', 'hpa', 'predictive', 'oracle', 'adaptive', 'replay-tuned']));
    expect(isStrategyName('adaptive')).toBe(true);
    expect(isStrategyName('replay-tuned')).toBe(true);
  });

  it.each([
    ['adaptive', () => adaptiveStrategy({ actuationDelay: 0 })],
    ['replay-tuned', () => replayTuner({ actuationDelay: 0 })],
  ])('runs %s by name exactly as the strategy run directly', (name, make) => {
    const byName = runStrategy(name, trace, config);
    const direct = simulate(trace, make(), config);
    expect(byName.strategy).toBe(name);
    expect(byName.metrics).toEqual(direct.metrics);
    expect(byName.metrics.cost_host_minutes).toBeGreaterThan(0);
  });

  it('gives each run a fresh tuner (a second run repeats the first)', () => {
    expect(runStrategy('adaptive', trace, config).metrics).toEqual(runStrategy('adaptive', trace, config).metrics);
  });

  it('makes fresh step-by-step strategies by name (not the oracle)', () => {
    expect(strategyFor('adaptive', { actuationDelay: 0.5 }).name).toBe('adaptive');
    expect(strategyFor('hpa')).not.toBe(strategyFor('hpa'));
    expect(() => strategyFor('oracle')).toThrow('strategy "oracle" cannot run step by step');
  });

  it('hands the tuners the delay of the path that acts: runStrategy its config\'s, strategyFor only when given one', () => {
    const delayed = { ...config, actuationDelay: 0.7 };
    const realSimulate = simulateModule.simulate;
    for (const name of ['adaptive', 'replay-tuned']) {
      let made: { actuationDelay?: number } | undefined;
      const spy = jest.spyOn(simulateModule, 'simulate').mockImplementation((requests, strategy, c, o) => {
        made = strategy as { actuationDelay?: number };
        return realSimulate(requests, strategy, c, o);
      });
      runStrategy(name, trace.slice(0, 60), delayed);
      spy.mockRestore();
      expect(made?.actuationDelay).toBe(0.7);
      expect((strategyFor(name, { actuationDelay: 0.384 }) as { actuationDelay?: number }).actuationDelay).toBe(0.384);
      expect(() => strategyFor(name)).toThrow(`strategy "${name}" scores its arms with the actuation delay of the path that acts: pass { actuationDelay }`);
    }
  });

  it('asks for @bsull/augurs when a trend-plan strategy is run without it (models does not read its wasm)', () => {
    expect(() => strategyFor('tiered-plan')).toThrow('strategy "tiered-plan" forecasts with @bsull/augurs: pass { augurs }');
    expect(() => runStrategy('tiered-plan-net', trace, config)).toThrow('strategy "tiered-plan-net" forecasts with @bsull/augurs');
  });

  it('names the choices on an unknown strategy', () => {
    expect(() => runStrategy('magic', trace, config)).toThrow('strategy must be one of tiered, hpa, predictive, oracle, adaptive, replay-tuned, tiered-plan, tiered-plan-net, got "magic"');
  });
});
