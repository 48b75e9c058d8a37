import { dbscan, NOISE } from './dbscan';
import { sampleIndices, seededRandom } from '../random';
import type { ProfileDensity } from './types';

export interface DensityOptions {
  /** Users sampled per K-Means cluster for DBSCAN (cost grows with its square). */
  readonly samplePerCluster: number;
  /** DBSCAN's minimum number of users within eps for a core point. */
  readonly minPts: number;
  readonly seed: number;
}

export const DEFAULT_DENSITY: DensityOptions = Object.freeze({ samplePerCluster: 1_000, minPts: 10, seed: 7 });

/**
 * The density view: DBSCAN inside each K-Means cluster, on a uniform sample of its users, with eps
 * from that sample's k-distance knee. It answers "how many dense sub-groups does this profile have,
 * and what share of it behaves unusually (noise)". Cost: O(k · samplePerCluster²) whatever the user
 * count, instead of the O(n²) of DBSCAN over every user.
 */
export function densityWithinClusters(points: readonly (readonly number[])[], labels: readonly number[], k: number, opts: DensityOptions = DEFAULT_DENSITY): ProfileDensity[] {
  if (!Number.isInteger(opts.samplePerCluster) || opts.samplePerCluster < 2) throw new Error(`samplePerCluster must be an integer >= 2, got ${opts.samplePerCluster}`);
  const members: number[][] = Array.from({ length: k }, () => []);
  labels.forEach((l, i) => members[l].push(i));
  const random = seededRandom(opts.seed);
  return members.map((idx) => {
    const pick = sampleIndices(idx.length, opts.samplePerCluster, random).map((i) => points[idx[i]]);
    if (pick.length === 0) return { sampled: 0, eps: 0, minPts: opts.minPts, groups: 0, noiseShare: 0, largestGroupShare: 0 };
    const r = dbscan(pick, opts.minPts);
    const sizes = new Array<number>(r.clusters).fill(0);
    let noise = 0;
    for (const l of r.labels) {
      if (l === NOISE) noise += 1;
      else sizes[l] += 1;
    }
    return {
      sampled: pick.length,
      eps: r.eps,
      minPts: opts.minPts,
      groups: r.clusters,
      noiseShare: noise / pick.length,
      largestGroupShare: sizes.length > 0 ? Math.max(...sizes) / pick.length : 0,
    };
  });
}
