import { BehaviourLoadModel } from './behaviour-load';
import { ExpectedAhead } from './expected-ahead';
import { SessionStats } from './session-stats';

describe('ExpectedAhead', () => {
  const stats = new SessionStats(4, 5);
  for (const length of [1, 2, 2, 3, 5, 9]) stats.addSession(length, new Float64Array(5), new Float64Array(5));
  const tail = Float64Array.from([0, 0.9, 0.6, 0.3, 0.1, 0.01, 0.001]);
  const rollout = [Float64Array.from([1, 2]), Float64Array.from([3, 4]), Float64Array.from([5, 6]), Float64Array.from([7, 8]), Float64Array.from([9, 10]), Float64Array.from([11, 12])];

  it('sums S(k, i)·P(Poisson ≥ i)·e_i(a) over the next actions, as the per-session loop did', () => {
    const ahead = new ExpectedAhead(stats, tail, rollout, 6);
    for (const k of [0, 1, 3, 4, 5, 12]) {
      for (const a of [0, 1]) {
        let complexity = 0;
        let requests = 0;
        for (let i = 1; i <= 6; i++) {
          complexity += stats.survival(k, i) * tail[i] * rollout[i - 1][a];
          requests += stats.survival(k, i) * tail[i];
        }
        const e = ahead.of(k, a);
        expect(e.complexity).toBeCloseTo(complexity, 12);
        expect(e.requests).toBeCloseTo(requests, 12);
        expect(e.firstWeight).toBeCloseTo(stats.survival(k, 1) * tail[1], 12);
      }
    }
    // Past the longest learned length every session continues alike.
    expect(ahead.of(50, 1)).toEqual(ahead.of(6, 1));
  });
});

describe('BehaviourLoadModel session expiry', () => {
  it('closes idle sessions at the next minute of event time and exactly at a forecast', () => {
    const m = new BehaviourLoadModel({ basis: 'bytes', sessionGapMinutes: 1, maxHorizonMinutes: 5 });
    const ev = (userId: string, timestamp: number) => ({ userId, sessionId: '', timestamp, action: 'a', bytes: 10 });
    m.observe(ev('u1', 10_000));
    m.observe(ev('u2', 65_000)); // a new minute: the sweep finds u1 idle 55 s, under the gap
    m.observe(ev('u2', 71_000)); // u1 is now idle past the gap, but this minute was swept already
    expect(m.activeSessions).toBe(2);
    m.observe(ev('u2', 121_000));
    expect(m.activeSessions).toBe(1);
    expect(m.forecast(182_000, [5])[0].activeSessions).toBe(0);
  });
});
