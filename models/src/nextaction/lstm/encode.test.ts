import { InterpolatedMarkov } from '../markov/interpolated-markov';
import { lstmConfig } from './config';
import { encodeBatch, timeFeatures } from './encode';

describe('encodeBatch', () => {
  const config = lstmConfig({ vocabSize: 3, historyFeatures: true, markovPrior: 0 });
  const sessions = [{ actions: Uint8Array.from([0, 1, 2]) }, { actions: Uint8Array.from([2, 2]), complexity: [5, 7] }];
  const batch = encodeBatch(sessions, [{ session: 0, from: 0, to: 3, scoreFrom: 1 }, { session: 1, from: 0, to: 2, scoreFrom: 1 }], config);

  it('lays windows out time-major with padding and a mask', () => {
    expect(batch.steps).toBe(2);
    expect(batch.lanes).toBe(2);
    expect(Array.from(batch.actions)).toEqual([0, 2, 1, 3]); // t0: (0, 2), t1: (1, pad)
    expect(Array.from(batch.targets)).toEqual([1, 2, 2, 0]);
    expect(Array.from(batch.mask)).toEqual([1, 1, 1, 0]);
    expect(batch.scored).toBe(3);
  });

  it('takes log1p of the next action complexity where it is known', () => {
    expect(Array.from(batch.complexityMask)).toEqual([0, 1, 0, 0]);
    expect(batch.complexity[1]).toBeCloseTo(Math.log1p(7));
  });

  it('counts the actions seen so far and the position', () => {
    const row = (i: number): number[] => Array.from(batch.history!.subarray(i * 4, i * 4 + 4));
    expect(row(0)).toEqual([Math.fround(Math.log1p(1)), 0, 0, 0]);
    expect(row(2).map((x) => +x.toFixed(5))).toEqual([0.69315, 0.69315, 0, 0.69315]); // step 1 of session 0
  });

  it('gives the recency of each action: 1 / (1 + steps since it last occurred), 0 before it occurs', () => {
    const recent = lstmConfig({ vocabSize: 3, historyFeatures: false, markovPrior: 0, recencyFeatures: true });
    // Session 0 1 0 2 1, one window from position 1 (item 0 is context before the window).
    const r = encodeBatch([{ actions: Uint8Array.from([0, 1, 0, 2, 1]) }], [{ session: 0, from: 1, to: 5, scoreFrom: 2 }], recent).recency!;
    const row = (t: number): number[] => Array.from(r.subarray(t * 3, t * 3 + 3)).map((x) => +x.toFixed(4));
    expect(row(0)).toEqual([0.5, 1, 0]); // at item 1: 0 one step back, 1 now
    expect(row(1)).toEqual([1, 0.5, 0]); // at item 2 (0 again)
    expect(row(2)).toEqual([0.5, 0.3333, 1]); // at item 3
  });

  it('adds the Markov prior, leaving each scored training target out of its own counts', () => {
    const withPrior = lstmConfig({ vocabSize: 3, markovPrior: 1 });
    const prior = new InterpolatedMarkov(3, 1).observe(sessions.map((s) => s.actions));
    const windows = [{ session: 0, from: 0, to: 3, scoreFrom: 1 }];
    expect(() => encodeBatch(sessions, windows, withPrior)).toThrow('this LSTM needs its Markov prior');
    const plain = encodeBatch(sessions, windows, withPrior, prior, false).prior!;
    const loo = encodeBatch(sessions, windows, withPrior, prior, true).prior!;
    const expected = new Float32Array(3);
    prior.logProbInto(sessions[0].actions, 1, expected, 0); // after "0"
    expect(Array.from(plain.subarray(0, 3))).toEqual(Array.from(expected));
    prior.logProbInto(sessions[0].actions, 1, expected, 0, 1); // the target "1" left out
    expect(Array.from(loo.subarray(0, 3))).toEqual(Array.from(expected));
    expect(loo[1]).toBeLessThan(plain[1]); // 0→1 was seen only in this session
  });

  it('names a bad action index', () => {
    expect(() => encodeBatch([{ actions: Uint8Array.from([0, 5]) }], [{ session: 0, from: 0, to: 2, scoreFrom: 1 }], config)).toThrow(
      'lstm input action must be an integer in 0…2, got 5',
    );
  });
});

describe('timeFeatures', () => {
  it('puts Monday 00:00 UTC at phase 0 of the day and of the week', () => {
    const out = new Float32Array(4);
    timeFeatures(Date.UTC(2024, 0, 1), out, 0); // a Monday
    expect(Array.from(out).map((x) => +x.toFixed(6))).toEqual([0, 1, 0, 1]);
    timeFeatures(Date.UTC(2024, 0, 1, 6), out, 0);
    expect(out[0]).toBeCloseTo(1);
    expect(out[1]).toBeCloseTo(0);
  });
});
