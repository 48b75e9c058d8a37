import type { BehaviourEvent } from '../../events';
import { BehaviourLoadModel } from './behaviour-load';
import { evaluateLoadForecasts } from './evaluate-load';
import { VolumeForecaster } from './volume';

const MIN = 60_000;
const ev = (userId: string, t: number, action: string, kib: number): BehaviourEvent => ({ userId, sessionId: '', timestamp: t, action, bytes: kib * 1024 });

/** Every user does "a" (1 KiB) then, 10 s later, "b" (3 KiB), and leaves. One new user per minute. */
function history(minutes: number): BehaviourEvent[] {
  const out: BehaviourEvent[] = [];
  for (let m = 0; m < minutes; m++) out.push(ev(`u${m}`, m * MIN, 'a', 1), ev(`u${m}`, m * MIN + 10_000, 'b', 3));
  return out;
}

describe('BehaviourLoadModel', () => {
  const model = new BehaviourLoadModel({ basis: 'bytes', maxHorizonMinutes: 15 });
  for (const e of history(120)) model.observe(e);

  it('learns the arrival rate, the session shape and the action chain from the past only', () => {
    const [f5] = model.forecast(120 * MIN, [5]);
    expect(f5.newSessions).toBeCloseTo(5, 0); // one per minute
    expect(f5.newComplexity).toBeCloseTo(5 * 4, 0); // each new session costs 4 KiB within its first minute
    expect(model.stats.finished).toBeGreaterThan(80);
    expect(model.chain.names).toEqual(['a', 'b']);
  });

  it('expects the "b" of a session that has just done "a", and nothing from one that finished', () => {
    const m = new BehaviourLoadModel({ basis: 'bytes', maxHorizonMinutes: 15 });
    for (const e of history(120)) m.observe(e);
    m.observe(ev('fresh', 120 * MIN, 'a', 1));
    const [withFresh] = m.forecast(120 * MIN + 1000, [5]);
    const base = new BehaviourLoadModel({ basis: 'bytes', maxHorizonMinutes: 15 });
    for (const e of history(120)) base.observe(e);
    const [without] = base.forecast(120 * MIN + 1000, [5]);
    expect(withFresh.activeComplexity - without.activeComplexity).toBeGreaterThan(2.5);
    expect(withFresh.activeComplexity - without.activeComplexity).toBeLessThan(3.2);
  });

  it('a forecast before any event does not start the arrival clock (history read later keeps its minutes)', () => {
    const m = new BehaviourLoadModel({ basis: 'bytes', maxHorizonMinutes: 15 });
    m.forecast(200 * MIN, [5]); // an exporter's first refresh, before it has read its store
    for (const e of history(120)) m.observe(e);
    const [f5] = m.forecast(120 * MIN, [5]);
    expect(f5.newSessions).toBeCloseTo(5, 0);
  });

  it('learns the same arrival rate when a forecast moved its clock before the rest of the history was read', () => {
    const all = history(120);
    const m = new BehaviourLoadModel({ basis: 'bytes', maxHorizonMinutes: 15 });
    for (const e of all.slice(0, 100)) m.observe(e); // an exporter's first refresh saw only part of its store …
    m.forecast(60 * MIN + 20_000, [5]); // … and forecast, which folds the minutes up to now
    for (const e of all.slice(100)) m.observe(e);
    const [late] = m.forecast(120 * MIN, [5]);
    const [inOrder] = model.forecast(120 * MIN, [5]);
    expect(late.newSessions).toBeCloseTo(inOrder.newSessions, 6);
  });

  it('refuses a horizon beyond what it learned', () => {
    expect(() => model.forecast(0, [30])).toThrow('horizon must be in (0, 15] minutes, got 30');
  });
});

describe('VolumeForecaster', () => {
  it('repeats the last h minutes (naive) and scales a smoothed rate (ewma)', () => {
    const v = new VolumeForecaster(1);
    [4, 4, 8].forEach((x) => v.push(x));
    expect(v.naive(2)).toBe(12);
    expect(v.ewma(2)).toBeCloseTo(2 * (4 + 0.5 * 4), 6);
  });
});

describe('evaluateLoadForecasts', () => {
  it('scores a perfectly regular log: every model near-exact, the naive MASE 1 by definition', () => {
    const r = evaluateLoadForecasts(history(240), [5, 15], { warmupMinutes: 90, maxHorizonMinutes: 15 });
    expect(r.horizons.map((h) => h.horizon_minutes)).toEqual([5, 15]);
    for (const h of r.horizons) {
      expect(h.mean_actual).toBeCloseTo(4 * h.horizon_minutes, 0);
      expect(h.behaviour.mape).toBeLessThan(10);
      expect(h.volume_naive.mape).toBeLessThan(1);
    }
  });
});
