import { munkres } from './libs';
import { standardizeActive } from './scaler';
import type { FeatureSpace, Scaler } from './types';

/** What id matching needs from the previous model. */
export interface PreviousProfiles {
  readonly space: Pick<FeatureSpace, 'names'>;
  readonly profiles: ReadonlyArray<{ readonly id: string; readonly centroid: readonly number[] }>;
  readonly nextId: number;
}

export interface IdMatch {
  readonly ids: string[];
  readonly nextId: number;
  /** RMS z distance to the matched old centroid, or null for a new profile. */
  readonly distances: Array<number | null>;
}

/** Default largest RMS z distance at which a new centroid still inherits an old profile's id. */
export const DEFAULT_MAX_MATCH_DISTANCE = 0.5;

/** Re-expresses an old raw centroid in the new feature layout (features it lacked are 0, e.g. a share). */
function relayout(centroid: readonly number[], oldNames: readonly string[], newNames: readonly string[]): number[] {
  const byName = new Map(oldNames.map((n, i) => [n, centroid[i]]));
  return newNames.map((n) => byName.get(n) ?? 0);
}

/**
 * Keeps profile ids stable across rebuilds: old and new centroids are compared in the new model's
 * standardised space (RMS z distance), paired by the Hungarian algorithm (munkres) at minimum total
 * distance, and a pair keeps the old id when its distance is at most `maxDistance`. Every other new
 * centroid gets a fresh id `p<n>`.
 */
export function matchProfileIds(
  centroids: readonly (readonly number[])[],
  space: Pick<FeatureSpace, 'names'>,
  scaler: Scaler,
  previous: PreviousProfiles | undefined,
  maxDistance = DEFAULT_MAX_MATCH_DISTANCE,
): IdMatch {
  if (!(maxDistance >= 0)) throw new Error(`maxMatchDistance must be >= 0, got ${maxDistance}`);
  let nextId = previous?.nextId ?? 1;
  const ids: Array<string | undefined> = centroids.map(() => undefined);
  const distances: Array<number | null> = centroids.map(() => null);
  const dims = Math.max(1, scaler.active.filter(Boolean).length);
  if (previous && previous.profiles.length > 0 && centroids.length > 0) {
    const fresh = centroids.map((c) => standardizeActive(c, scaler));
    const old = previous.profiles.map((p) => standardizeActive(relayout(p.centroid, previous.space.names, space.names), scaler));
    const cost = fresh.map((f) => old.map((o) => Math.sqrt(f.reduce((s, v, j) => s + (v - o[j]) ** 2, 0) / dims)));
    for (const [row, col] of munkres(cost)) {
      if (cost[row][col] <= maxDistance) {
        ids[row] = previous.profiles[col].id;
        distances[row] = cost[row][col];
      }
    }
  }
  return { ids: ids.map((id) => id ?? `p${nextId++}`), nextId, distances };
}
