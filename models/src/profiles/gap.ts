import { mlKMeans, MlMatrix, MlSvd } from './libs';

/**
 * The gap statistic (Tibshirani, Walther & Hastie, "Estimating the number of clusters in a data set via
 * the gap statistic", JRSS B 63(2), 2001). For each k, log W_k (W_k = the pooled within-cluster sum of
 * squares of a K-Means fit) is compared with its mean over B reference data sets drawn uniformly from
 * the box aligned with the data's principal components (their reference "b"), which holds no clusters:
 *   Gap(k) = mean_b log W*_kb − log W_k,   s_k = sd_b(log W*_kb) · sqrt(1 + 1/B).
 * The rule that stops: the smallest k with Gap(k) ≥ Gap(k+1) − s_{k+1}. Unlike the mean silhouette,
 * which on diffuse data keeps growing with k, this says "one more cluster does not explain more than
 * chance would" and so can choose 1 (no groups) or stop well inside the search range.
 */

export interface GapPoint {
  readonly k: number;
  readonly logW: number;
  readonly gap: number;
  /** s_k = sd of the reference log W · sqrt(1 + 1/B). */
  readonly se: number;
}

/** Pooled within-cluster sum of squared distances to the cluster means. */
export function withinSumOfSquares(points: readonly (readonly number[])[], labels: readonly number[]): number {
  const d = points[0]?.length ?? 0;
  const sums = new Map<number, { n: number; s: Float64Array; q: number }>();
  for (let i = 0; i < points.length; i++) {
    let c = sums.get(labels[i]);
    if (!c) sums.set(labels[i], (c = { n: 0, s: new Float64Array(d), q: 0 }));
    c.n++;
    for (let j = 0; j < d; j++) {
      c.s[j] += points[i][j];
      c.q += points[i][j] * points[i][j];
    }
  }
  let w = 0;
  for (const c of sums.values()) {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += c.s[j] * c.s[j];
    w += c.q - norm / c.n;
  }
  return Math.max(w, 0);
}

/** Lowest within-cluster sum of squares over `restarts` seeded K-Means++ runs (the K-Means objective). */
export function bestWithinSS(points: number[][], k: number, seed: number, restarts: number, maxIterations: number, tolerance: number): { w: number; labels: number[]; centroids: number[][] } {
  let best: { w: number; labels: number[]; centroids: number[][] } | undefined;
  for (let r = 0; r < Math.max(1, restarts); r++) {
    const fit = k === 1 ? { clusters: points.map(() => 0), centroids: [points[0]] } : mlKMeans(points, k, { initialization: 'kmeans++', seed: seed + r, maxIterations, tolerance });
    const w = withinSumOfSquares(points, fit.clusters);
    if (!best || w < best.w) best = { w, labels: fit.clusters, centroids: fit.centroids };
    if (k === 1) break;
  }
  return best!;
}

/**
 * B reference sets of the same size: uniform in the bounding box of the data rotated onto its principal
 * axes, rotated back (Tibshirani et al.'s reference "b", which follows the data's shape).
 */
export function referenceSets(points: readonly (readonly number[])[], count: number, random: () => number): number[][][] {
  const n = points.length;
  const d = points[0].length;
  const mean = new Array<number>(d).fill(0);
  for (const p of points) for (let j = 0; j < d; j++) mean[j] += p[j] / n;
  const centred = new MlMatrix(points.map((p) => p.map((v, j) => v - mean[j])));
  const v = new MlSvd(centred, { computeLeftSingularVectors: false, autoTranspose: true }).rightSingularVectors;
  const projected = centred.mmul(v);
  const lo = new Array<number>(projected.columns).fill(Infinity);
  const hi = new Array<number>(projected.columns).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < projected.columns; j++) {
      const x = projected.get(i, j);
      lo[j] = Math.min(lo[j], x);
      hi[j] = Math.max(hi[j], x);
    }
  }
  const vt = v.transpose();
  const sets: number[][][] = [];
  for (let b = 0; b < count; b++) {
    const z = MlMatrix.zeros(n, projected.columns);
    for (let i = 0; i < n; i++) for (let j = 0; j < projected.columns; j++) z.set(i, j, lo[j] + random() * (hi[j] - lo[j]));
    sets.push(z.mmul(vt).to2DArray().map((row) => row.map((x, j) => x + mean[j])));
  }
  return sets;
}

export interface GapOptions {
  readonly seed: number;
  readonly restarts: number;
  readonly maxIterations: number;
  readonly tolerance: number;
}

/** Gap(k) and s_k for one k, from the data's log W_k and the reference sets. */
export function gapAt(k: number, logW: number, references: number[][][], o: GapOptions): GapPoint {
  const refs = references.map((r, b) => Math.log(Math.max(bestWithinSS(r, k, o.seed + 1000 * (b + 1), o.restarts, o.maxIterations, o.tolerance).w, 1e-300)));
  const B = refs.length;
  const m = refs.reduce((s, x) => s + x, 0) / B;
  const sd = Math.sqrt(refs.reduce((s, x) => s + (x - m) * (x - m), 0) / B);
  return { k, logW, gap: m - logW, se: sd * Math.sqrt(1 + 1 / B) };
}

/** The 1-standard-error rule: is k the answer, given the next k's gap and standard error? */
export function gapRuleHolds(at: GapPoint, next: GapPoint): boolean {
  return at.gap >= next.gap - next.se;
}
