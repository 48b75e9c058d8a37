import type { BehaviourEvent } from '../events';
import { minuteDemand } from '../complexity/load/minute-demand';
import type { ComplexityLoadForecast } from '../complexity/load/behaviour-load';
import { seededRandom } from '../random';
import { MARGINAL_PER_MINUTE, simulateEvents } from './events-replay';
import { runStrategy } from './strategies';

const MINUTE = 60_000;
const T0 = Date.UTC(1995, 7, 1, 6, 0, 0);

/** Four hours of users browsing, with a crowd arriving in the third hour. */
function log(): BehaviourEvent[] {
  const random = seededRandom(11);
  const events: BehaviourEvent[] = [];
  for (let u = 0; u < 600; u++) {
    const crowd = u >= 300;
    let ts = T0 + Math.floor((crowd ? 120 + random() * 30 : random() * 240) * MINUTE);
    for (let p = 0; p < 1 + Math.floor(random() * 8); p++) {
      events.push({ userId: `u${u}`, sessionId: '', timestamp: ts, action: p === 0 ? 'home' : 'page', bytes: 4096 });
      ts += 15_000 + Math.floor(random() * 45_000);
    }
  }
  return events;
}

describe('replaying a per-request log through the simulator', () => {
  const demand = minuteDemand(log(), 'bytes');
  const config = { capacity: 40, coldStart: 5, shadowActivation: 1, shadowCost: 0.1 };

  it('runs the baselines on the per-minute demand exactly as on a trace', () => {
    expect(simulateEvents(demand, 'hpa', config, { forecast: 'behaviour' }).metrics).toEqual(runStrategy('hpa', demand.load, config).metrics);
  });

  it('tiered volume-only is the default policy’s tiered on the same demand', () => {
    const r = simulateEvents(demand, 'tiered', config, { forecast: 'volume' });
    expect(r.strategy).toBe('tiered-volume');
    expect(r.metrics).toEqual(runStrategy('tiered', demand.load, config).metrics);
    expect(r.external).toBeUndefined();
  });

  it('tiered with the behaviour forecast gets one every minute after the warm-up and counts when it sizes tier 2', () => {
    const r = simulateEvents(demand, 'tiered', config, { forecast: 'behaviour', warmupMinutes: 60 });
    expect(r.strategy).toBe('tiered-behaviour');
    expect(r.external!.decisions).toBe(demand.load.length - 60);
    expect(r.external!.binding).toBeLessThanOrEqual(r.external!.decisions);
  });

  it('counts as binding exactly the minutes where the outside forecast was above tier 2’s own', () => {
    const never = simulateEvents(demand, 'tiered', config, { forecast: 'behaviour', adapter: { ...MARGINAL_PER_MINUTE, toExternal: () => ({ source: 'zero', perMinute: () => 0 }) } });
    expect(never.external).toMatchObject({ decisions: demand.load.length - 60, binding: 0 });
    expect(never.metrics).toEqual(simulateEvents(demand, 'tiered', config, { forecast: 'volume' }).metrics);
    const always = simulateEvents(demand, 'tiered', config, { forecast: 'behaviour', adapter: { ...MARGINAL_PER_MINUTE, toExternal: () => ({ source: 'huge', perMinute: () => 1e9 }) } });
    expect(always.external!.binding).toBe(always.external!.decisions);
  });

  it('with foresight as the outside forecast it binds and under-provisions no more often', () => {
    const volume = simulateEvents(demand, 'tiered', config, { forecast: 'volume' });
    const foresight = simulateEvents(demand, 'tiered', config, { forecast: 'foresight' });
    expect(foresight.external!.binding).toBeGreaterThan(0);
    expect(foresight.metrics.tau_U).toBeLessThanOrEqual(volume.metrics.tau_U);
  });

  it('the marginal adapter gives the load of minute h as F(h) − F(h−1)', () => {
    const f = (h: number, complexity: number): ComplexityLoadForecast => ({
      horizonMinutes: h,
      activeSessions: 0,
      activeComplexity: complexity,
      activeRequests: 0,
      newSessions: 0,
      newComplexity: 0,
      newRequests: 0,
      complexity,
      requests: 0,
    });
    const x = MARGINAL_PER_MINUTE.toExternal([f(2, 25), f(1, 10), f(3, 27)])!;
    expect([1, 2, 3].map((h) => x.perMinute(h))).toEqual([10, 15, 2]);
    expect(x.perMinute(4)).toBeUndefined();
    expect(MARGINAL_PER_MINUTE.horizons(3)).toEqual([1, 2, 3]);
  });
});
