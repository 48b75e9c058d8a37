import { mlKMeans } from './libs';
import { seededRandom, sampleIndices } from '../random';
import { distanceMatrix, silhouetteFromDistances } from './silhouette';

export interface KSelectionOptions {
  readonly kMin: number;
  readonly kMax: number;
  /** Users each candidate k is fitted on (a uniform sample). */
  readonly fitSample: number;
  /** Users of that sample the silhouette is computed on (O(n²)). */
  readonly silhouetteSample: number;
  readonly seed: number;
  readonly maxIterations: number;
  /** Lloyd iterations stop when no centroid moves more than this squared z distance. */
  readonly tolerance: number;
  /** Lloyd iterations over all points, starting from the sample's centroids (each costs n·k·d). */
  readonly finalIterations: number;
  /** K-Means runs per candidate k on the sample (different seeds); the best silhouette is kept. */
  readonly restarts: number;
}

export const DEFAULT_K_SELECTION: KSelectionOptions = Object.freeze({ kMin: 2, kMax: 10, fitSample: 4_000, silhouetteSample: 2_000, seed: 42, maxIterations: 50, tolerance: 1e-4, finalIterations: 15, restarts: 3 });

export interface KMeansFit {
  readonly k: number;
  readonly labels: number[];
  readonly centroids: number[][];
  /** Lloyd iterations of the final fit over all points, and whether it converged before the cap. */
  readonly iterations: number;
  readonly converged: boolean;
  readonly scores: Array<{ k: number; silhouette: number }>;
}

function distinctCount(points: readonly (readonly number[])[], limit: number): number {
  const seen = new Set<string>();
  for (const p of points) {
    seen.add(p.join(','));
    if (seen.size >= limit) break;
  }
  return seen.size;
}

/** Drops empty clusters and renumbers labels 0..k'-1 in centroid order. */
function compact(labels: number[], centroids: number[][]): { labels: number[]; centroids: number[][] } {
  const used = new Array<boolean>(centroids.length).fill(false);
  for (const l of labels) used[l] = true;
  const map = new Map<number, number>();
  const kept: number[][] = [];
  centroids.forEach((c, i) => {
    if (used[i]) {
      map.set(i, kept.length);
      kept.push(c);
    }
  });
  return { labels: labels.map((l) => map.get(l) ?? 0), centroids: kept };
}

/**
 * K-Means (ml-kmeans, k-means++ seeding) with k chosen by the mean silhouette: every k in
 * [kMin, kMax] is fitted on a sample with `restarts` seeds (single k-means++ runs land in quite
 * different local optima on real data) and scored on a sub-sample, keeping its best run; the best k
 * (the smaller one on a tie) is then fitted on all points, starting from the sample's centroids. (ml-kmeans' k-means++ costs
 * about 10 s on 100,000 × 40 points at k = 10, its Lloyd iterations about 0.25 s each: seeding on the
 * sample and at most `finalIterations` Lloyd steps on everything keeps a 100k-user rebuild within
 * seconds; the final labels are always each point's nearest final centroid.)
 */
export function kmeansBySilhouette(points: number[][], opts: KSelectionOptions = DEFAULT_K_SELECTION): KMeansFit {
  if (!Number.isInteger(opts.kMin) || opts.kMin < 1) throw new Error(`kMin must be an integer >= 1, got ${opts.kMin}`);
  if (!Number.isInteger(opts.kMax) || opts.kMax < opts.kMin) throw new Error(`kMax must be an integer >= kMin (${opts.kMin}), got ${opts.kMax}`);
  if (points.length === 0) throw new Error('k-means needs at least one point');
  const random = seededRandom(opts.seed);
  const fitIdx = sampleIndices(points.length, opts.fitSample, random);
  const fitPoints = fitIdx.map((i) => points[i]);
  const kMax = Math.min(opts.kMax, distinctCount(fitPoints, opts.kMax + 1));
  const kMin = Math.min(opts.kMin, kMax);
  const silIdx = sampleIndices(fitPoints.length, opts.silhouetteSample, random);
  const matrix = distanceMatrix(silIdx.map((i) => fitPoints[i]));
  const scores: Array<{ k: number; silhouette: number }> = [];
  let best: { k: number; silhouette: number; centroids: number[][] } | undefined;
  for (let k = kMin; k <= kMax; k++) {
    // Restarts with different seeds; the one with the best silhouette on the scoring sample is kept
    // (scoring is cheap next to fitting: the distance matrix is shared).
    let r = mlKMeans(fitPoints, k, { initialization: 'kmeans++', seed: opts.seed, maxIterations: opts.maxIterations, tolerance: opts.tolerance });
    let silhouette = k === 1 ? 0 : silhouetteFromDistances(matrix, silIdx.map((i) => r.clusters[i]));
    for (let restart = 1; restart < opts.restarts && k > 1; restart++) {
      const alt = mlKMeans(fitPoints, k, { initialization: 'kmeans++', seed: opts.seed + restart, maxIterations: opts.maxIterations, tolerance: opts.tolerance });
      const s = silhouetteFromDistances(matrix, silIdx.map((i) => alt.clusters[i]));
      if (s > silhouette) [r, silhouette] = [alt, s];
    }
    scores.push({ k, silhouette });
    if (!best || silhouette > best.silhouette + 1e-12) best = { k, silhouette, centroids: r.centroids };
  }
  const chosen = best as { k: number; centroids: number[][] };
  const full = mlKMeans(points, chosen.k, { initialization: chosen.centroids, maxIterations: Math.max(1, opts.finalIterations), tolerance: opts.tolerance });
  const { labels, centroids } = compact(full.converged ? full.clusters : full.nearest(points), full.centroids);
  return { k: centroids.length, labels, centroids, iterations: full.iterations, converged: full.converged, scores };
}
