import { DEFAULT_DENSITY, densityWithinClusters, type DensityOptions } from './density';
import { buildFeatureSpace, featurize } from './features';
import { DEFAULT_K_SELECTION, kmeansWithChosenK, type KSelectionOptions } from './kmeans';
import { nameProfiles, topTraits, type CentroidZ } from './naming';
import { fitScaler, standardize, standardizeActive, unstandardizeActive } from './scaler';
import { DEFAULT_MAX_MATCH_DISTANCE, matchProfileIds, type PreviousProfiles } from './stable-ids';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions, type Profile, type ProfileModel, type UserAggregate } from './types';

export interface BuildOptions {
  readonly features: FeatureOptions;
  readonly kSelection: KSelectionOptions;
  readonly density: DensityOptions;
  /** Largest RMS z distance at which a new centroid keeps an old profile's id. */
  readonly maxMatchDistance: number;
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = Object.freeze({
  features: DEFAULT_FEATURE_OPTIONS,
  kSelection: DEFAULT_K_SELECTION,
  density: DEFAULT_DENSITY,
  maxMatchDistance: DEFAULT_MAX_MATCH_DISTANCE,
});

/** Seconds spent in each stage of a rebuild. */
export interface BuildTimings {
  readonly features: number;
  readonly standardize: number;
  readonly kmeans: number;
  readonly dbscan: number;
  readonly naming: number;
  readonly total: number;
}

export interface BuildResult {
  readonly model: ProfileModel;
  /** Profile id of each input user, aligned with the input. */
  readonly assignments: string[];
  readonly timings: BuildTimings;
}

export interface BuildClock {
  /** Wall-clock milliseconds for `builtAt`. */
  readonly now: () => number;
  /** Monotonic milliseconds for stage timings. */
  readonly elapsed: () => number;
}

const systemClock: BuildClock = { now: () => Date.now(), elapsed: () => performance.now() };

export function zMap(raw: readonly number[], names: readonly string[], scaler: ProfileModel['scaler']): CentroidZ {
  const z = standardize(raw, scaler);
  return new Map(names.flatMap((n, j) => (scaler.active[j] ? [[n, z[j]] as const] : [])));
}

/**
 * Features → z-scores → K-Means (k by the gap statistic's 1-SE rule, or by silhouette) → DBSCAN inside each cluster → names and stable ids.
 * Pure and deterministic for given inputs and seeds.
 */
export function buildProfiles(
  aggs: readonly UserAggregate[],
  options: BuildOptions = DEFAULT_BUILD_OPTIONS,
  previous?: PreviousProfiles,
  clock: BuildClock = systemClock,
): BuildResult {
  if (aggs.length === 0) throw new Error('no users to build profiles from: ingest or import events first');
  const t0 = clock.elapsed();
  const space = buildFeatureSpace(aggs, options.features);
  const raw = aggs.map((a) => featurize(a, space));
  const t1 = clock.elapsed();
  const fitted = fitScaler(raw);
  const scaler =
    options.features.useHours === false ? { ...fitted, active: fitted.active.map((a, j) => a && !space.names[j].startsWith('hour.')) } : fitted;
  const z = raw.map((r) => standardizeActive(r, scaler));
  const t2 = clock.elapsed();
  const fit = kmeansWithChosenK(z, options.kSelection);
  const t3 = clock.elapsed();
  const density = densityWithinClusters(z, fit.labels, fit.k, options.density);
  const t4 = clock.elapsed();
  const centroids = fit.centroids.map((c) => unstandardizeActive(c, scaler));
  const sizes = new Array<number>(fit.k).fill(0);
  for (const l of fit.labels) sizes[l] += 1;
  const zs = centroids.map((c) => zMap(c, space.names, scaler));
  const names = nameProfiles(zs);
  const match = matchProfileIds(centroids, space, scaler, previous, options.maxMatchDistance);
  const profiles: Profile[] = centroids.map((centroid, i) => ({
    id: match.ids[i],
    name: names[i],
    size: sizes[i],
    centroid,
    traits: topTraits(zs[i]),
    density: density[i],
  }));
  const chosen = fit.scores.find((s) => s.k === fit.k);
  const model: ProfileModel = {
    version: 1,
    builtAt: clock.now(),
    users: aggs.length,
    k: fit.k,
    silhouette: chosen ? chosen.silhouette : 0,
    kScores: fit.scores,
    kSelection: { rule: fit.rule, stoppedBy: fit.stoppedBy, kMin: options.kSelection.kMin, kMax: options.kSelection.kMax, ...(fit.oneGroup !== undefined ? { oneGroup: fit.oneGroup } : {}) },
    space,
    scaler,
    profiles,
    nextId: match.nextId,
    options: options.features,
  };
  const t5 = clock.elapsed();
  const s = (ms: number): number => ms / 1000;
  return {
    model,
    assignments: fit.labels.map((l) => match.ids[l]),
    timings: { features: s(t1 - t0), standardize: s(t2 - t1), kmeans: s(t3 - t2), dbscan: s(t4 - t3), naming: s(t5 - t4), total: s(t5 - t0) },
  };
}
