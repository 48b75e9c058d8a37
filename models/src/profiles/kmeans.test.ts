import { blobs, purity } from './fixtures.test-helpers';
import { DEFAULT_K_SELECTION, kmeansBySilhouette } from './kmeans';

describe('K-Means with k chosen by silhouette', () => {
  const centres = [
    [0, 0, 0],
    [10, 0, 0],
    [0, 10, 0],
    [0, 0, 10],
  ];

  it.each([2, 3, 4])('picks the planted k = %i on well separated blobs', (k) => {
    const { points, truth } = blobs(centres.slice(0, k), 150, 0.7, k);
    const fit = kmeansBySilhouette(points, { ...DEFAULT_K_SELECTION, kMin: 2, kMax: 8, fitSample: 400, silhouetteSample: 300 });
    expect(fit.k).toBe(k);
    expect(purity(fit.labels, truth)).toBe(1);
    expect(fit.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = Math.max(...fit.scores.map((s) => s.silhouette));
    expect(fit.scores.find((s) => s.k === k)?.silhouette).toBe(best);
  });

  it('is reproducible for a given seed', () => {
    const { points } = blobs(centres, 100, 2, 9);
    const a = kmeansBySilhouette(points, { ...DEFAULT_K_SELECTION, fitSample: 200 });
    const b = kmeansBySilhouette(points, { ...DEFAULT_K_SELECTION, fitSample: 200 });
    expect(a.labels).toEqual(b.labels);
  });

  it('never asks for more clusters than distinct points', () => {
    const points = [[1, 1], [1, 1], [5, 5], [5, 5], [5, 5]];
    expect(kmeansBySilhouette(points, DEFAULT_K_SELECTION).k).toBe(2);
  });

  it('rejects a bad k range naming the option', () => {
    expect(() => kmeansBySilhouette([[0]], { ...DEFAULT_K_SELECTION, kMin: 5, kMax: 3 })).toThrow('kMax must be an integer >= kMin (5), got 3');
  });
});
