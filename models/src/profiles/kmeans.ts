import { mlKMeans } from './libs';
import { seededRandom, sampleIndices } from '../random';
import { distanceMatrix, silhouetteFromDistances } from './silhouette';
import { bestWithinSS, gapAt, gapRuleHolds, referenceSets, type GapPoint } from './gap';

/** How k is chosen: the gap statistic's 1-standard-error rule (stops), or the highest mean silhouette. */
export type KRule = 'gap' | 'silhouette';
export const K_RULES: readonly KRule[] = ['gap', 'silhouette'];

export interface KSelectionOptions {
  readonly kMin: number;
  readonly kMax: number;
  readonly rule: KRule;
  /** Users each candidate k is fitted on (a uniform sample). */
  readonly fitSample: number;
  /** Users of that sample the silhouette is computed on (O(n²)). */
  readonly silhouetteSample: number;
  /** Users of that sample the gap statistic clusters, and the size of each reference set. */
  readonly gapSample: number;
  /** Reference sets B of the gap statistic. */
  readonly gapReferences: number;
  /** K-Means runs per reference set and k (the reference has no clusters to miss; fewer is cheaper). */
  readonly gapRestarts: number;
  /** Score every k up to kMax even after the rule has stopped (for reports; the choice is the same). */
  readonly scanAll: boolean;
  readonly seed: number;
  readonly maxIterations: number;
  /** Lloyd iterations stop when no centroid moves more than this squared z distance. */
  readonly tolerance: number;
  /** Lloyd iterations over all points, starting from the sample's centroids (each costs n·k·d). */
  readonly finalIterations: number;
  /** K-Means runs per candidate k on the sample (different seeds); the lowest within-cluster sum of squares is kept. */
  readonly restarts: number;
}

export const DEFAULT_K_SELECTION: KSelectionOptions = Object.freeze({
  kMin: 2,
  kMax: 20,
  rule: 'gap',
  fitSample: 4_000,
  silhouetteSample: 2_000,
  gapSample: 2_000,
  gapReferences: 10,
  gapRestarts: 3,
  scanAll: false,
  seed: 42,
  maxIterations: 50,
  tolerance: 1e-4,
  finalIterations: 15,
  restarts: 3,
});

/** One candidate k: its mean silhouette and, under the gap rule, Gap(k) and s_k. */
export interface KScore {
  readonly k: number;
  readonly silhouette: number;
  readonly gap?: number;
  readonly gapSe?: number;
}

export interface KMeansFit {
  readonly k: number;
  readonly labels: number[];
  readonly centroids: number[][];
  /** Lloyd iterations of the final fit over all points, and whether it converged before the cap. */
  readonly iterations: number;
  readonly converged: boolean;
  readonly scores: KScore[];
  readonly rule: KRule;
  /** `rule`: the rule chose k inside the range; `limit`: it never stopped and k is kMax (the edge of the search). */
  readonly stoppedBy: 'rule' | 'limit';
  /** Gap rule only: Gap(1) ≥ Gap(2) − s_2, i.e. the data show no groups at all (k is still ≥ kMin). */
  readonly oneGroup?: boolean;
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

function checkOptions(opts: KSelectionOptions): void {
  if (!Number.isInteger(opts.kMin) || opts.kMin < 1) throw new Error(`kMin must be an integer >= 1, got ${opts.kMin}`);
  if (!Number.isInteger(opts.kMax) || opts.kMax < opts.kMin) throw new Error(`kMax must be an integer >= kMin (${opts.kMin}), got ${opts.kMax}`);
  if (!K_RULES.includes(opts.rule)) throw new Error(`rule must be one of ${K_RULES.join(', ')}, got "${String(opts.rule)}"`);
  if (!Number.isInteger(opts.gapReferences) || opts.gapReferences < 2) throw new Error(`gapReferences must be an integer >= 2, got ${opts.gapReferences}`);
}

/**
 * K-Means (ml-kmeans, k-means++ seeding) with k chosen by `rule`. Every candidate k is fitted on a
 * sample with `restarts` seeds (keeping the run with the lowest within-cluster sum of squares, the
 * K-Means objective) and its mean silhouette (Rousseeuw 1987) scored on a sub-sample. Under `gap` the
 * scan goes up from k = 1 and stops at the first k ≥ kMin that the gap statistic's 1-SE rule accepts
 * (gap.ts); under `silhouette` every k in [kMin, kMax] is fitted and the best mean silhouette wins
 * (the smaller k on a tie) — on diffuse data that is often kMax, the edge of the search. The chosen k is
 * then fitted on all points from the sample's centroids, for at most `finalIterations` Lloyd steps
 * (ml-kmeans' k-means++ on 100,000 points is slow; its Lloyd steps are not).
 */
export function kmeansWithChosenK(points: number[][], opts: KSelectionOptions = DEFAULT_K_SELECTION): KMeansFit {
  checkOptions(opts);
  if (points.length === 0) throw new Error('k-means needs at least one point');
  const random = seededRandom(opts.seed);
  const fitIdx = sampleIndices(points.length, opts.fitSample, random);
  const fitPoints = fitIdx.map((i) => points[i]);
  const kMax = Math.min(opts.kMax, distinctCount(fitPoints, opts.kMax + 1));
  const kMin = Math.min(opts.kMin, kMax);
  const silIdx = sampleIndices(fitPoints.length, opts.silhouetteSample, random);
  const matrix = distanceMatrix(silIdx.map((i) => fitPoints[i]));
  const fitK = (k: number): { silhouette: number; centroids: number[][] } => {
    const r = bestWithinSS(fitPoints, k, opts.seed, opts.restarts, opts.maxIterations, opts.tolerance);
    return { silhouette: k === 1 ? 0 : silhouetteFromDistances(matrix, silIdx.map((i) => r.labels[i])), centroids: r.centroids };
  };
  const choice = opts.rule === 'gap' ? chooseByGap(fitPoints, kMin, kMax, opts, random, fitK) : chooseBySilhouette(kMin, kMax, fitK);
  const full = mlKMeans(points, choice.k, { initialization: choice.centroids, maxIterations: Math.max(1, opts.finalIterations), tolerance: opts.tolerance });
  const { labels, centroids } = compact(full.converged ? full.clusters : full.nearest(points), full.centroids);
  return { k: centroids.length, labels, centroids, iterations: full.iterations, converged: full.converged, scores: choice.scores, rule: opts.rule, stoppedBy: choice.stoppedBy, oneGroup: choice.oneGroup };
}

type FitK = (k: number) => { silhouette: number; centroids: number[][] };
interface Choice {
  k: number;
  centroids: number[][];
  scores: KScore[];
  stoppedBy: 'rule' | 'limit';
  oneGroup?: boolean;
}

function chooseBySilhouette(kMin: number, kMax: number, fitK: FitK): Choice {
  const scores: KScore[] = [];
  let best: { k: number; silhouette: number; centroids: number[][] } | undefined;
  for (let k = kMin; k <= kMax; k++) {
    const f = fitK(k);
    scores.push({ k, silhouette: f.silhouette });
    if (!best || f.silhouette > best.silhouette + 1e-12) best = { k, ...f };
  }
  return { k: best!.k, centroids: best!.centroids, scores, stoppedBy: best!.k === kMax && kMax > kMin ? 'limit' : 'rule' };
}

function chooseByGap(fitPoints: number[][], kMin: number, kMax: number, opts: KSelectionOptions, random: () => number, fitK: FitK): Choice {
  const gapPoints = sampleIndices(fitPoints.length, opts.gapSample, random).map((i) => fitPoints[i]);
  const references = referenceSets(gapPoints, opts.gapReferences, random);
  const gapOpts = { seed: opts.seed, restarts: opts.gapRestarts, maxIterations: opts.maxIterations, tolerance: opts.tolerance };
  const gaps: GapPoint[] = [];
  const gapOf = (k: number): GapPoint => {
    while (gaps.length < k) {
      const kk = gaps.length + 1;
      gaps.push(gapAt(kk, Math.log(Math.max(bestWithinSS(gapPoints, kk, opts.seed, opts.restarts, opts.maxIterations, opts.tolerance).w, 1e-300)), references, gapOpts));
    }
    return gaps[k - 1];
  };
  const scores: KScore[] = [];
  const fits = new Map<number, number[][]>();
  let chosen: number | undefined;
  // K-Means needs fewer clusters than points: Gap(k + 1) is only known while k + 1 < the gap sample's size.
  const last = Math.max(kMin, Math.min(kMax, gapPoints.length - 2));
  for (let k = kMin; k <= last && (chosen === undefined || opts.scanAll); k++) {
    const f = fitK(k);
    fits.set(k, f.centroids);
    const g = gapOf(k);
    scores.push({ k, silhouette: f.silhouette, gap: g.gap, gapSe: g.se });
    if (chosen === undefined && k + 1 < gapPoints.length && gapRuleHolds(g, gapOf(k + 1))) chosen = k;
  }
  const k = chosen ?? last;
  const oneGroup = gapPoints.length > 2 ? gapRuleHolds(gapOf(1), gapOf(2)) : undefined;
  return { k, centroids: fits.get(k)!, scores, stoppedBy: chosen === undefined ? 'limit' : 'rule', oneGroup };
}
