import { distanceMatrix, type DistanceMatrix } from './silhouette';

export const NOISE = -1;

export interface DbscanResult {
  /** Cluster per input point, 0..clusters-1, or NOISE. */
  readonly labels: number[];
  readonly clusters: number;
}

/**
 * DBSCAN (Ester et al. 1996) over a precomputed distance matrix of *distinct* points, each carrying a
 * weight (how many users share that exact vector). A point is core when the weights within `eps`
 * (itself included, distance <= eps) add up to at least `minPts`; clusters grow from core points.
 * Weighting duplicates keeps the sampled cost at O(u²) for u distinct vectors.
 */
export function dbscanWeighted(m: DistanceMatrix, weights: readonly number[], eps: number, minPts: number): DbscanResult {
  const { n, d } = m;
  if (!(eps >= 0)) throw new Error(`eps must be >= 0, got ${eps}`);
  if (!(minPts >= 1)) throw new Error(`minPts must be >= 1, got ${minPts}`);
  const core = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let w = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) if (d[row + j] <= eps) w += weights[j];
    if (w >= minPts) core[i] = 1;
  }
  const labels = new Array<number>(n).fill(NOISE);
  let clusters = 0;
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!core[i] || labels[i] !== NOISE) continue;
    const c = clusters++;
    labels[i] = c;
    queue.push(i);
    while (queue.length > 0) {
      const p = queue.pop() as number;
      const row = p * n;
      for (let j = 0; j < n; j++) {
        if (labels[j] !== NOISE || d[row + j] > eps) continue;
        labels[j] = c;
        if (core[j]) queue.push(j);
      }
    }
  }
  return { labels, clusters };
}

/** Groups identical vectors: the distinct points, their weights, and each input's distinct index. */
export function dedupe(points: readonly (readonly number[])[]): { points: number[][]; weights: number[]; index: number[] } {
  const byKey = new Map<string, number>();
  const out: number[][] = [];
  const weights: number[] = [];
  const index = points.map((p) => {
    const key = p.join(',');
    let i = byKey.get(key);
    if (i === undefined) {
      i = out.length;
      byKey.set(key, i);
      out.push([...p]);
      weights.push(0);
    }
    weights[i] += 1;
    return i;
  });
  return { points: out, weights, index };
}

/**
 * eps from the sorted k-distance curve (distance to the minPts-th nearest user, duplicates counted):
 * the knee, i.e. the point farthest below the chord from the first to the last value. When the knee
 * is 0 (heavy duplication), the smallest positive k-distance is used instead.
 */
export function kneeEps(m: DistanceMatrix, weights: readonly number[], minPts: number): number {
  const { n, d } = m;
  const kd: number[] = [];
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) order[j] = j;
    const row = i * n;
    order.sort((a, b) => d[row + a] - d[row + b]);
    let w = 0;
    let v = d[row + order[n - 1]];
    for (const j of order) {
      w += weights[j];
      if (w >= minPts) {
        v = d[row + j];
        break;
      }
    }
    for (let r = 0; r < weights[i]; r++) kd.push(v);
  }
  kd.sort((a, b) => a - b);
  const last = kd.length - 1;
  if (last <= 0) return kd[0] ?? 0;
  const y0 = kd[0];
  const y1 = kd[last];
  let best = 0;
  let bestGap = -Infinity;
  for (let i = 0; i <= last; i++) {
    const chord = y0 + ((y1 - y0) * i) / last;
    const gap = chord - kd[i];
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  const eps = kd[best];
  return eps > 0 ? eps : (kd.find((v) => v > 0) ?? 0);
}

/** DBSCAN on arbitrary points (duplicates weighted); eps from the knee when not given. */
export function dbscan(points: readonly (readonly number[])[], minPts: number, eps?: number): DbscanResult & { eps: number } {
  const u = dedupe(points);
  const m = distanceMatrix(u.points);
  const e = eps ?? kneeEps(m, u.weights, minPts);
  const r = dbscanWeighted(m, u.weights, e, minPts);
  return { labels: u.index.map((i) => r.labels[i]), clusters: r.clusters, eps: e };
}
