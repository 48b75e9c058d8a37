import { InterpolatedMarkov } from './interpolated-markov';

describe('InterpolatedMarkov', () => {
  // Targets: 0→1, 0→1, 0→0. Order 0: p(0) = (1+1)/(3+2) = 0.4, p(1) = 0.6.
  // Order 1 after 0: p(0) = (1 + 0.4)/(3 + 1) = 0.35, p(1) = (2 + 0.6)/4 = 0.65.
  const m = new InterpolatedMarkov(2, 1).observe([Uint8Array.from([0, 1]), Uint8Array.from([0, 1]), Uint8Array.from([0, 0])]);
  const probs = (history: number[], leaveOut = -1): number[] => {
    const out = new Float32Array(2);
    m.logProbInto(history, history.length, out, 0, leaveOut);
    return Array.from(out).map((x) => +Math.exp(x).toFixed(6));
  };

  it('interpolates each order with the one below (Dirichlet smoothing)', () => {
    expect(probs([])).toEqual([0.4, 0.6]);
    expect(probs([0])).toEqual([0.35, 0.65]);
    expect(probs([1])).toEqual([0.4, 0.6]); // context never seen: order 0
  });

  it('leaves one observation out for training targets', () => {
    // Without one 0→1: order 0 p = [(1+1)/4, (1+1)/4]; order 1 after 0: [(1 + 0.5)/3, (1 + 0.5)/3].
    expect(probs([0], 1)).toEqual([0.5, 0.5]);
  });

  it('restores from its counts', () => {
    const copy = InterpolatedMarkov.fromCounts(2, 1, 1, m.counts, m.totals);
    const a = new Float32Array(2);
    const b = new Float32Array(2);
    m.logProbInto([0], 1, a, 0);
    copy.logProbInto([0], 1, b, 0);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(() => InterpolatedMarkov.fromCounts(2, 1, 1, [new Float64Array(1)], m.totals)).toThrow('markov prior counts of order 0 have the wrong size');
  });
});
