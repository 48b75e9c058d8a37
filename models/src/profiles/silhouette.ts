import { distance } from './distance';

/** Condensed pairwise distances of a (sampled) point set, computed once and reused for every k. */
export interface DistanceMatrix {
  readonly n: number;
  readonly d: Float32Array;
}

export function distanceMatrix(points: readonly (readonly number[])[]): DistanceMatrix {
  const n = points.length;
  const d = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = distance(points[i], points[j]);
      d[i * n + j] = v;
      d[j * n + i] = v;
    }
  }
  return { n, d };
}

/**
 * Mean silhouette coefficient (Rousseeuw 1987): for each point, a = mean distance to the rest of its
 * cluster, b = smallest mean distance to another cluster, s = (b − a) / max(a, b); s = 0 for a point
 * alone in its cluster; 0 overall when fewer than two clusters are used. O(n²).
 */
export function silhouetteFromDistances(m: DistanceMatrix, labels: readonly number[]): number {
  const { n, d } = m;
  if (labels.length !== n) throw new Error(`silhouette needs one label per point, got ${labels.length} labels for ${n} points`);
  const k = labels.reduce((a, b) => Math.max(a, b), -1) + 1;
  const counts = new Array<number>(Math.max(k, 0)).fill(0);
  for (const l of labels) counts[l] += 1;
  if (counts.filter((c) => c > 0).length < 2) return 0;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    const row = i * n;
    for (let j = 0; j < n; j++) sums[labels[j]] += d[row + j];
    const own = labels[i];
    if (counts[own] <= 1) continue;
    const a = sums[own] / (counts[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
    const max = Math.max(a, b);
    total += max > 0 ? (b - a) / max : 0;
  }
  return total / n;
}

export function silhouetteScore(points: readonly (readonly number[])[], labels: readonly number[]): number {
  return silhouetteFromDistances(distanceMatrix(points), labels);
}
