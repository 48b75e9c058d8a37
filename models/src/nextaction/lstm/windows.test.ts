import { batchWindows, cutWindows } from './windows';

describe('cutWindows', () => {
  it('scores every target j ≥ 1 exactly once, with burn-in context in later windows', () => {
    for (const n of [0, 1, 2, 5, 8, 9, 30, 101]) {
      const windows = cutWindows([n], 8, 3);
      const scored: number[] = [];
      for (const w of windows) {
        expect(w.to - w.from).toBeLessThanOrEqual(8);
        expect(w.scoreFrom).toBeGreaterThan(w.from);
        if (w.from > 0) expect(w.scoreFrom - w.from).toBe(4); // 3 burn-in items + the item before the first target
        for (let j = w.scoreFrom; j < w.to; j++) scored.push(j);
      }
      expect(scored).toEqual(Array.from({ length: Math.max(0, n - 1) }, (_, i) => i + 1));
    }
  });

  it('keeps the session index of each window', () => {
    expect(cutWindows([3, 1, 2], 64, 16)).toEqual([
      { session: 0, from: 0, to: 3, scoreFrom: 1 },
      { session: 2, from: 0, to: 2, scoreFrom: 1 },
    ]);
  });
});

describe('batchWindows', () => {
  it('groups windows of similar length under a token budget and a lane cap', () => {
    const windows = [9, 2, 3, 9, 2, 2].map((len, session) => ({ session, from: 0, to: len, scoreFrom: 1 }));
    const batches = batchWindows(windows, 16, 2);
    for (const b of batches) {
      const steps = Math.max(...b.map((w) => w.to - w.from - 1));
      expect(b.length * steps).toBeLessThanOrEqual(16);
      expect(b.length).toBeLessThanOrEqual(2);
    }
    expect(batches.flat().map((w) => w.session).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batches[0].map((w) => w.to)).toEqual([2, 2]);
  });
});
