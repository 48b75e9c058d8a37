import type { ProfileDensity, ProfileModel, Trait } from '@shadowfleet/models';
import type { ModelFrom } from '../shards/profiles';
import type { RebuildSummary } from './service';

/** DBSCAN settings behind every profile's `dbscan` (see models/src/profiles/density.ts). */
export const DENSITY_METHOD = 'DBSCAN within each K-Means cluster on a uniform sample, eps from the k-distance knee';

export interface ProfileView {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly share: number;
  readonly traits: readonly Trait[];
  readonly dbscan: ProfileDensity;
}

/** The body of GET /v1/profiles and of `shadowfleet profiles list --json`. */
export type ProfilesView =
  | { readonly built: false; readonly rebuilding: boolean; readonly message: string; readonly profiles: readonly []; readonly modelFrom?: ModelFrom }
  | {
      readonly built: true;
      /** On a shard other than 0: the model is shard 0's, its users this shard's (docs/scaling-out.md#profiles). */
      readonly modelFrom?: ModelFrom;
      readonly rebuilding: boolean;
      readonly builtAt: string;
      readonly users: number;
      readonly k: number;
      readonly silhouette: number;
      readonly kScores: ReadonlyArray<{ readonly k: number; readonly silhouette: number; readonly gap?: number; readonly gapSe?: number }>;
      /** How k was chosen; `stoppedBy: "limit"` means the rule never stopped and k is the edge of the search. */
      readonly kSelection: ProfileModel['kSelection'] | null;
      readonly features: number;
      readonly activeFeatures: number;
      readonly dbscan: { readonly method: string; readonly sampledUsers: number; readonly denseGroups: number; readonly noiseShare: number };
      readonly profiles: readonly ProfileView[];
      readonly lastRebuild: RebuildSummary | null;
    };

const round = (v: number, digits = 4): number => Math.round(v * 10 ** digits) / 10 ** digits;

export function profilesView(model: ProfileModel | undefined, last: RebuildSummary | undefined, rebuilding = false, modelFrom?: ModelFrom): ProfilesView {
  const from = modelFrom ? { modelFrom } : {};
  if (!model) {
    const message = modelFrom
      ? `no profiles yet: this shard uses shard 0's profile model (${modelFrom.url}) and has not taken one yet${modelFrom.lastError !== undefined ? ` (${modelFrom.lastError})` : ''}; it checks every SHADOWFLEET_SHARD_PROFILE_POLL_SECONDS`
      : 'no profile model yet: POST /v1/profiles/rebuild (or wait for the scheduled rebuild)';
    return { built: false, rebuilding, message, profiles: [], ...from };
  }
  const sampled = model.profiles.reduce((s, p) => s + p.density.sampled, 0);
  const noise = model.profiles.reduce((s, p) => s + p.density.noiseShare * p.size, 0);
  return {
    built: true,
    ...from,
    rebuilding,
    builtAt: new Date(model.builtAt).toISOString(),
    users: model.users,
    k: model.k,
    silhouette: round(model.silhouette),
    kScores: model.kScores.map((s) => ({ k: s.k, silhouette: round(s.silhouette), ...(s.gap !== undefined ? { gap: round(s.gap), gapSe: round(s.gapSe ?? 0) } : {}) })),
    kSelection: model.kSelection ?? null,
    features: model.space.names.length,
    activeFeatures: model.scaler.active.filter(Boolean).length,
    dbscan: {
      method: DENSITY_METHOD,
      sampledUsers: sampled,
      denseGroups: model.profiles.reduce((s, p) => s + p.density.groups, 0),
      noiseShare: model.users > 0 ? round(noise / model.users) : 0,
    },
    profiles: [...model.profiles]
      .sort((a, b) => b.size - a.size)
      .map((p) => ({
        id: p.id,
        name: p.name,
        size: p.size,
        share: round(p.size / Math.max(1, model.users)),
        traits: p.traits,
        dbscan: { ...p.density, eps: round(p.density.eps), noiseShare: round(p.density.noiseShare), largestGroupShare: round(p.density.largestGroupShare) },
      })),
    lastRebuild: last ?? null,
  };
}
