import { seededRandom } from '../random';
import { blobs, purity } from './fixtures.test-helpers';
import { DEFAULT_K_SELECTION, kmeansWithChosenK, type KSelectionOptions } from './kmeans';

const small: KSelectionOptions = { ...DEFAULT_K_SELECTION, kMin: 2, kMax: 8, fitSample: 400, silhouetteSample: 300, gapSample: 300, gapReferences: 8 };

describe('K-Means with k chosen by a rule', () => {
  const centres = [
    [0, 0, 0],
    [10, 0, 0],
    [0, 10, 0],
    [0, 0, 10],
  ];

  it.each([2, 3, 4])('the gap rule picks the planted k = %i on well separated blobs and stops there', (k) => {
    const { points, truth } = blobs(centres.slice(0, k), 150, 0.7, k);
    const fit = kmeansWithChosenK(points, small);
    expect(fit.k).toBe(k);
    expect(fit.rule).toBe('gap');
    expect(fit.stoppedBy).toBe('rule');
    expect(fit.oneGroup).toBe(false);
    expect(purity(fit.labels, truth)).toBe(1);
    // The scan stops at the chosen k: no k beyond it was fitted.
    expect(fit.scores.map((s) => s.k)).toEqual(Array.from({ length: k - 1 }, (_, i) => i + 2));
    expect(fit.scores.every((s) => s.gap !== undefined && s.gapSe !== undefined && s.gapSe >= 0)).toBe(true);
  });

  it('scanAll scores every k up to kMax without changing the choice', () => {
    const { points } = blobs(centres.slice(0, 3), 150, 0.7, 3);
    const fit = kmeansWithChosenK(points, { ...small, scanAll: true });
    expect(fit.k).toBe(3);
    expect(fit.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('on one Gaussian cloud the gap rule says there are no groups, where the silhouette still picks some k', () => {
    const random = seededRandom(7);
    const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const points = Array.from({ length: 400 }, () => [gauss(), gauss(), gauss(), gauss()]);
    const gap = kmeansWithChosenK(points, small);
    expect(gap.oneGroup).toBe(true);
    expect(gap.k).toBe(2);
    expect(gap.stoppedBy).toBe('rule');
    const sil = kmeansWithChosenK(points, { ...small, rule: 'silhouette' });
    expect(sil.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('the silhouette rule picks the planted k and flags a choice at the edge of the range', () => {
    const { points } = blobs(centres, 150, 0.7, 4);
    expect(kmeansWithChosenK(points, { ...small, rule: 'silhouette' }).k).toBe(4);
    const edge = kmeansWithChosenK(points, { ...small, rule: 'silhouette', kMax: 3 });
    expect(edge.k).toBe(3);
    expect(edge.stoppedBy).toBe('limit');
  });

  it('is reproducible for a given seed', () => {
    const { points } = blobs(centres, 100, 2, 9);
    const a = kmeansWithChosenK(points, { ...small, fitSample: 200 });
    const b = kmeansWithChosenK(points, { ...small, fitSample: 200 });
    expect(a.labels).toEqual(b.labels);
  });

  it('never asks for more clusters than distinct points', () => {
    const points = [[1, 1], [1, 1], [5, 5], [5, 5], [5, 5]];
    expect(kmeansWithChosenK(points, { ...small, rule: 'silhouette' }).k).toBe(2);
  });

  it('the gap rule on fewer points than kMax + 2 stops at the largest k it can test', () => {
    const points = [[0, 0], [0, 1], [9, 9], [9, 8], [20, 0], [21, 0]];
    const fit = kmeansWithChosenK(points, { ...small, kMax: 10 });
    expect(fit.k).toBeLessThanOrEqual(4);
    expect(Math.max(...fit.scores.map((s) => s.k))).toBeLessThanOrEqual(4);
  });

  it('rejects a bad k range or rule naming the option', () => {
    expect(() => kmeansWithChosenK([[0]], { ...DEFAULT_K_SELECTION, kMin: 5, kMax: 3 })).toThrow('kMax must be an integer >= kMin (5), got 3');
    expect(() => kmeansWithChosenK([[0]], { ...DEFAULT_K_SELECTION, rule: 'elbow' as never })).toThrow('rule must be one of gap, silhouette, got "elbow"');
  });
});
