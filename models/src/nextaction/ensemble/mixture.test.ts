import { MarkovBackoff } from '../markov/markov-backoff';
import type { ActionSequence } from '../types';
import { MixturePredictor, topKRows, tuneMixture, validationSplit, type DistributionModel } from './mixture';

/** A model that always gives the same distribution. */
function constant(name: string, p: number[]): DistributionModel {
  return {
    name,
    vocabSize: p.length,
    distributionsAllPositions: async (sessions: readonly ActionSequence[]) =>
      sessions.map((s) => Float32Array.from({ length: Math.max(0, s.length - 1) * p.length }, (_, i) => p[i % p.length])),
  };
}

describe('mixture of next-action distributions', () => {
  it('ranks by (1 − w)·p_a + w·p_b, ties to the smaller index', async () => {
    const a = constant('a', [0.5, 0.3, 0.2, 0]);
    const b = constant('b', [0, 0.2, 0.3, 0.5]);
    const session = [Uint8Array.from([0, 1, 2])];
    expect(Array.from((await new MixturePredictor(a, b, 0).rankAllPositions(session, 3))[0])).toEqual([0, 1, 2, 0, 1, 2]);
    expect(Array.from((await new MixturePredictor(a, b, 1).rankAllPositions(session, 1))[0])).toEqual([3, 3]);
    // w = 0.5: 0.25, 0.25, 0.25, 0.25 → index order.
    expect(Array.from((await new MixturePredictor(a, b, 0.5).rankAllPositions(session, 2))[0])).toEqual([0, 1, 0, 1]);
    expect(Array.from(topKRows(Float32Array.from([0.1, 0.7, 0.2]), 3, 3))).toEqual([1, 2, 0]);
  });

  it('tunes the weight on validation sessions: top-1 + top-3, the smaller weight on ties', async () => {
    // Validation targets are always action 3, which only model b ranks first.
    const a = constant('a', [0.4, 0.3, 0.2, 0.1]);
    const b = constant('b', [0.1, 0.1, 0.1, 0.7]);
    const validation = Array.from({ length: 10 }, () => Uint8Array.from([0, 3, 3]));
    const tuning = await tuneMixture(a, b, validation, [0, 0.2, 0.5, 0.9]);
    expect(tuning.validationTargets).toBe(20);
    expect(tuning.table.map((r) => r.top1)).toEqual([0, 0, 1, 1]);
    expect(tuning.weight).toBe(0.5);
    const same = await tuneMixture(a, a, validation, [0.3, 0, 0.1]);
    expect(same.weight).toBe(0.3);
  });

  it('gives the Markov back-off distributions, and a mixture of a model with itself is that model', async () => {
    const train = [Uint8Array.from([0, 1, 2, 0, 1, 2]), Uint8Array.from([2, 1, 0])];
    const m = new MarkovBackoff(3, 2).observe(train);
    const [d] = await m.distributionsAllPositions([Uint8Array.from([0, 1, 2])]);
    expect(Array.from(d.subarray(0, 3))).toEqual([0, 1, 0]); // after "0": always 1
    const mixed = await new MixturePredictor(m, m, 0.3).distributionsAllPositions(train);
    const alone = await m.distributionsAllPositions(train);
    mixed.forEach((p, i) => p.forEach((v, j) => expect(v).toBeCloseTo(alone[i][j], 6)));
  });

  it('holds out every n-th training session for validation and names bad arguments', () => {
    const { fit, validation } = validationSplit([0, 1, 2, 3, 4, 5, 6, 7], 4);
    expect(fit).toEqual([0, 1, 2, 4, 5, 6]);
    expect(validation).toEqual([3, 7]);
    expect(() => validationSplit([1], 1)).toThrow('validation: every must be an integer ≥ 2, got 1');
    expect(() => new MixturePredictor(constant('a', [1]), constant('b', [0.5, 0.5]), 0.1)).toThrow('vocabularies differ');
    expect(() => new MixturePredictor(constant('a', [1]), constant('b', [1]), 1.5)).toThrow('mixture weight must be in 0…1, got 1.5');
  });
});
