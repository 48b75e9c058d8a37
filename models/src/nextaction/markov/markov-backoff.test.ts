import { MarkovBackoff } from './markov-backoff';

const seq = (...a: number[]): Uint8Array => Uint8Array.from(a);

describe('MarkovBackoff', () => {
  // Vocabulary {0,1,2}. Transitions in training: 0→1 twice, 0→2 once, 1→2 (after 0,1) twice, 2→0 once.
  const train = [seq(0, 1, 2), seq(0, 1, 2), seq(0, 2, 0)];

  it('order 1 ranks the followers of the last action by count', () => {
    const m = new MarkovBackoff(3, 1).observe(train);
    expect(m.rankNext([0], 2)).toEqual([1, 2]); // 0→1 ×2, 0→2 ×1
    expect(m.rankNext([2, 0], 1)).toEqual([1]); // only the last item matters at order 1
    expect(Array.from(m.distribution([0]))).toEqual([0, 2 / 3, 1 / 3]);
  });

  it('order 0 ranks by overall frequency of targets, ties to the smaller index', () => {
    // targets: 1,2,1,2,2,0 → 2 ×3, 1 ×2, 0 ×1
    const m = new MarkovBackoff(3, 0, 'most-frequent').observe(train);
    expect(m.name).toBe('most-frequent');
    expect(m.rankNext([1, 1], 3)).toEqual([2, 1, 0]);
  });

  it('order 2 backs off to order 1 when the 2-context was never seen, and fills unseen actions by overall frequency', () => {
    const m = new MarkovBackoff(3, 2).observe(train);
    expect(m.rankNext([0, 1], 3)).toEqual([2, 1, 0]); // (0,1)→2 ×2, then overall frequency 1, 0
    expect(m.rankNext([2, 1], 1)).toEqual([2]); // (2,1) unseen → order 1: 1→2
    expect(m.rankNext([1, 1], 3)).toEqual([2, 1, 0]); // (1,1) unseen → order 1: 1→2 then overall
    expect(m.rankNext([], 3)).toEqual([2, 1, 0]); // no history → order 0
  });

  it('ranks every position of a session from its prefix only', async () => {
    const m = new MarkovBackoff(3, 1).observe(train);
    const [r] = await m.rankAllPositions([seq(0, 2, 0)], 1);
    expect(Array.from(r)).toEqual([1, 0]); // after 0 → 1; after 2 → 0
  });

  it('rejects bad input with the value and the fix', () => {
    expect(() => new MarkovBackoff(0, 1)).toThrow('vocabSize must be an integer in 1…255, got 0');
    expect(() => new MarkovBackoff(3, -1)).toThrow('order must be an integer ≥ 0, got -1');
    expect(() => new MarkovBackoff(200, 4)).toThrow(/use a lower order/);
    expect(() => new MarkovBackoff(3, 1).observe([seq(0, 3)])).toThrow('action index must be in 0…2, got 3');
  });
});
