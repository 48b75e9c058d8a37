import { MarkovBackoff } from '../markov/markov-backoff';
import type { NextActionPredictor } from '../types';
import { countTargets, scoreTopK, splitSessions } from './protocol';

const seq = (...a: number[]): Uint8Array => Uint8Array.from(a);

describe('next-action protocol (BENCHMARKS.md §2)', () => {
  it('puts sessions i % 5 == 4 in the test set, in order', () => {
    const sessions = Array.from({ length: 11 }, (_, i) => seq(i));
    const { train, test } = splitSessions(sessions);
    expect(test.map((s) => s[0])).toEqual([4, 9]);
    expect(train.map((s) => s[0])).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 10]);
  });

  it('refuses empty sessions, which must be dropped before numbering', () => {
    expect(() => splitSessions([seq(1), seq()])).toThrow('session 1 is empty');
  });

  it('counts every position j ≥ 1 as a target', () => {
    expect(countTargets([seq(1), seq(1, 2), seq(1, 2, 3, 4)])).toBe(0 + 1 + 3);
  });

  it('micro-averages top-1 and top-3 over every target', async () => {
    // order 1 on training 0→1, 1→2, 2→0 (each once): predicts 1 after 0, 2 after 1, 0 after 2.
    const model = new MarkovBackoff(4, 1).observe([seq(0, 1, 2, 0)]);
    // test targets: 0→1 hit, 1→3 miss (ranking 2, then overall 0/1 …), 3→0 (unseen context, order 0)
    const score = await scoreTopK(model, [seq(0, 1, 3, 0)]);
    expect(score.targets).toBe(3);
    expect(score.top1).toBeCloseTo(2 / 3); // after 3: order 0 ranks 0,1,2 equally → 0 first → hit
    expect(score.top3).toBeCloseTo(2 / 3); // 3 was never a target: not in any top-3
  });

  it('checks that a predictor ranks every target', async () => {
    const broken: NextActionPredictor = {
      name: 'broken',
      vocabSize: 2,
      rankAllPositions: async (sessions) => sessions.map(() => new Uint8Array(0)),
    };
    await expect(scoreTopK(broken, [seq(0, 1)])).rejects.toThrow('broken ranked 0 positions of session 0, which has 1 targets');
  });
});
