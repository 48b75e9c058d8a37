import { DBSCAN } from 'density-clustering';
import { dbscan, NOISE } from './dbscan';
import { densityWithinClusters } from './density';
import { blobs, purity } from './fixtures.test-helpers';
import { seededRandom } from '../random';

/** Three dense blobs plus uniform background noise over a wide box. */
function planted(): { points: number[][]; truth: number[] } {
  const { points, truth } = blobs([[0, 0], [6, 0], [0, 6]], 120, 0.3, 3);
  const random = seededRandom(11);
  for (let i = 0; i < 30; i++) {
    points.push([-10 + 25 * random(), -10 + 25 * random()]);
    truth.push(NOISE);
  }
  return { points, truth };
}

describe('DBSCAN', () => {
  const { points, truth } = planted();

  it('finds the planted dense clusters and leaves the scattered points as noise', () => {
    const r = dbscan(points, 8);
    expect(r.clusters).toBe(3);
    const clustered = r.labels.map((l, i) => [l, truth[i]]).filter(([, t]) => t !== NOISE);
    expect(clustered.filter(([l]) => l === NOISE).length).toBeLessThanOrEqual(6);
    expect(purity(clustered.map(([l]) => l), clustered.map(([, t]) => t))).toBeGreaterThan(0.98);
    const noiseFound = r.labels.filter((l, i) => l === NOISE && truth[i] === NOISE).length;
    expect(noiseFound).toBeGreaterThanOrEqual(25);
  });

  it('agrees with the density-clustering library at the same eps', () => {
    const eps = 0.6;
    const ours = dbscan(points, 8, eps);
    const ref = new DBSCAN();
    // density-clustering compares distance < eps; ours <= eps: equal away from ties.
    const refClusters = ref.run(points, eps, 8);
    expect(ours.clusters).toBe(refClusters.length);
    expect([...ref.noise].sort((a, b) => a - b)).toEqual(ours.labels.flatMap((l, i) => (l === NOISE ? [i] : [])));
    for (const members of refClusters) expect(new Set(members.map((i) => ours.labels[i])).size).toBe(1);
  });

  it('weights duplicate vectors: 10 identical users form a core at eps 0', () => {
    const dup = [...Array.from({ length: 10 }, () => [1, 1]), [50, 50]];
    const r = dbscan(dup, 10, 0);
    expect(r.labels.slice(0, 10)).toEqual(new Array(10).fill(0));
    expect(r.labels[10]).toBe(NOISE);
  });

  it('summarises the density inside each K-Means cluster from a bounded sample', () => {
    const labels = points.map((p) => (p[0] > 3 ? 1 : 0));
    const view = densityWithinClusters(points, labels, 2, { samplePerCluster: 100, minPts: 5, seed: 1 });
    expect(view.map((v) => v.sampled)).toEqual([100, 100]);
    for (const v of view) {
      expect(v.groups).toBeGreaterThanOrEqual(1);
      expect(v.noiseShare).toBeGreaterThanOrEqual(0);
      expect(v.noiseShare + v.largestGroupShare).toBeLessThanOrEqual(1);
    }
  });
});
