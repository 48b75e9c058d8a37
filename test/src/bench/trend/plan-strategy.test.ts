import { loadAugurs } from '@shadowfleet/exporter';
import { hpaStrategy, predictiveStrategy, simulate, simulateJson } from '@shadowfleet/models';
import { planStrategy } from './plan-strategy';

jest.setTimeout(60_000);

/** Four days per minute: 100/min, and from 12:00 to 14:00 a peak whose height changes from day to day. */
const peaks = [300, 380, 280, 360];
const requests = Array.from({ length: 4 * 1440 }, (_, i) => (i % 1440 >= 720 && i % 1440 < 840 ? peaks[Math.floor(i / 1440)] : 100) + ((i * 37) % 11));
const config = { capacity: 10, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };

describe('forecast+plan bench strategy', () => {
  test('keeps a planned shadow pool, activates it when HPA sees a shortage, and under-provisions less than hpa, no more than predictive', async () => {
    const augurs = await loadAugurs();
    const strategy = planStrategy(augurs, { replanMinutes: 360, historyDays: 28, minHistoryDays: 2, stepMinutes: 15 });
    const ours = simulateJson(simulate(requests, strategy, config, { timeline: true }));
    const predictive = simulateJson(simulate(requests, predictiveStrategy(), config));
    expect(strategy.stats.replans).toBe(8); // days 2 and 3, every 6 hours
    expect(strategy.stats.plannedStandbyHostMinutes).toBeGreaterThan(0);
    expect(strategy.stats.activations).toBeGreaterThan(0);
    expect(strategy.stats.activatedHostMinutes).toBeGreaterThan(0);
    expect(ours.tau_U).toBeLessThanOrEqual(predictive.tau_U);
    expect(ours.tau_U).toBeLessThan(simulateJson(simulate(requests, hpaStrategy(), config)).tau_U);
  });
});
