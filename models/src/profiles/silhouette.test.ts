import { silhouetteScore } from './silhouette';

describe('silhouette', () => {
  it('matches a value worked out by hand', () => {
    // points 0, 1 | 4 on a line: s(0) = (4 − 1)/4, s(1) = (3 − 1)/3, s(4) = 0 (alone in its cluster)
    const s = silhouetteScore([[0], [1], [4]], [0, 0, 1]);
    expect(s).toBeCloseTo((3 / 4 + 2 / 3 + 0) / 3, 12);
  });

  it('is 0 with a single cluster and near 1 for tight, far-apart clusters', () => {
    expect(silhouetteScore([[0], [1]], [0, 0])).toBe(0);
    expect(silhouetteScore([[0], [0.01], [100], [100.01]], [0, 0, 1, 1])).toBeGreaterThan(0.99);
  });

  it('names the mismatch when labels and points differ in number', () => {
    expect(() => silhouetteScore([[0]], [0, 1])).toThrow('one label per point, got 2 labels for 1 points');
  });
});
