import type { BehaviourEvent } from '../../events';
import { seededRandom } from '../../random';
import { BehaviourForecastStream } from './forecast-stream';
import { minuteDemand } from './minute-demand';

const MINUTE = 60_000;
const T0 = Date.UTC(1995, 7, 1, 6, 0, 0);

/** Users arriving through three hours, each browsing a few pages 20–60 s apart. */
function log(seed: number, hours = 3): BehaviourEvent[] {
  const random = seededRandom(seed);
  const events: BehaviourEvent[] = [];
  for (let u = 0; u < hours * 40; u++) {
    let ts = T0 + Math.floor(random() * hours * 60 * MINUTE);
    const pages = 1 + Math.floor(random() * 6);
    for (let p = 0; p < pages; p++) {
      events.push({ userId: `u${u}`, sessionId: '', timestamp: ts, action: p === 0 ? 'home' : 'page', bytes: 2048 * (1 + (p % 3)) });
      ts += 20_000 + Math.floor(random() * 40_000);
    }
  }
  return events;
}

describe('per-minute demand of a per-request log', () => {
  it('sums each minute’s response KiB and keeps empty minutes', () => {
    const d = minuteDemand(
      [
        { userId: 'a', sessionId: '', timestamp: T0 + 3 * MINUTE + 5, action: 'x', bytes: 1024 },
        { userId: 'b', sessionId: '', timestamp: T0 + 10, action: 'x', bytes: 512 },
        { userId: 'a', sessionId: '', timestamp: T0 + 59_999, action: 'x', bytes: 2048 },
        { userId: 'c', sessionId: '', timestamp: T0 + 3 * MINUTE, action: 'x' },
      ],
      'bytes',
    );
    expect(d.startMs).toBe(T0);
    expect([...d.load]).toEqual([2.5, 0, 0, 1]);
    expect([...d.requests]).toEqual([2, 0, 0, 2]);
    expect(d.events.map((e) => e.timestamp)).toEqual([T0 + 10, T0 + 59_999, T0 + 3 * MINUTE, T0 + 3 * MINUTE + 5]);
  });

  it('rejects an empty log', () => {
    expect(() => minuteDemand([], 'bytes')).toThrow('the log holds no events to replay');
  });
});

describe('the causal behaviour forecast stream', () => {
  const events = log(3);
  const demand = minuteDemand(events, 'bytes');
  const horizons = [1, 5, 15];

  it('forecasts from the events before each minute only: later events change nothing', () => {
    const cut = 100;
    const past = demand.events.filter((e) => e.timestamp < demand.startMs + cut * MINUTE);
    const full = new BehaviourForecastStream(demand.events, demand.startMs, { horizons, warmupMinutes: 30 });
    const truncated = new BehaviourForecastStream(past, demand.startMs, { horizons, warmupMinutes: 30 });
    for (const t of [30, 60, cut]) expect(full.at(t)).toEqual(truncated.at(t));
    expect(full.eventsSeen).toBe(past.length);
  });

  it('gives no forecast during the warm-up, then loads near the observed rate', () => {
    const s = new BehaviourForecastStream(demand.events, demand.startMs, { horizons, warmupMinutes: 60 });
    expect(s.at(59)).toBeUndefined();
    const f = s.at(120)!;
    expect(f.map((x) => x.horizonMinutes)).toEqual(horizons);
    const observed = demand.load.slice(60, 120).reduce((a, b) => a + b, 0) / 60;
    for (const x of f) {
      expect(x.complexity / x.horizonMinutes).toBeGreaterThan(observed / 3);
      expect(x.complexity / x.horizonMinutes).toBeLessThan(observed * 3);
    }
  });

  it('refuses minutes out of order, unsorted events and no horizon', () => {
    const s = new BehaviourForecastStream(demand.events, demand.startMs, { horizons });
    s.at(5);
    expect(() => s.at(5)).toThrow('minutes must increase: asked for 5 after 5');
    expect(() => new BehaviourForecastStream([...demand.events].reverse(), demand.startMs, { horizons })).toThrow(/events must be sorted by time/);
    expect(() => new BehaviourForecastStream(demand.events, demand.startMs, { horizons: [] })).toThrow('the forecast stream needs at least one horizon');
  });
});

describe('the forecast stream with a next-action model', () => {
  it('uses its expected cost for each active user’s next action', () => {
    const demand = minuteDemand(log(5), 'bytes');
    const chain = new BehaviourForecastStream(demand.events, demand.startMs, { horizons: [5], warmupMinutes: 0 });
    const dear = new BehaviourForecastStream(demand.events, demand.startMs, { horizons: [5], warmupMinutes: 0, nextCost: () => 1e6 });
    const a = chain.at(90)![0];
    const b = dear.at(90)![0];
    expect(a.activeSessions).toBeGreaterThan(0);
    expect(b.newComplexity).toBe(a.newComplexity);
    expect(b.activeComplexity).toBeGreaterThan(a.activeComplexity + 1e5);
  });
});
