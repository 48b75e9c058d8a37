import { assignProfile, type ProfileModel } from '@shadowfleet/models';
import type { Logger } from '../logger';
import type { RebuildRunner } from '../profiles/runner';
import type { ProfileService, Scheduler } from '../profiles/service';
import { OwnerResource, type FromOwner } from './owner-resource';

/** What GET /v1/shard/profiles answers: the owner's fitted model (vocabulary, scaler, centroids, ids, names). */
export interface ShardProfiles {
  readonly shard: number;
  readonly model: ProfileModel;
}

/** Where a shard other than 0 takes its profile model from (GET /v1/profiles shows it as `modelFrom`): `ownerBuiltAt` is when shard 0 built the model last fetched. */
export type ModelFrom = FromOwner<{ readonly ownerBuiltAt: string }>;

/** Shard 0's profile model as a shard other than 0 sees it: fetched with If-None-Match, so an unchanged model costs a 304. */
export type OwnerProfiles = OwnerResource<ShardProfiles, ProfileModel, { readonly ownerBuiltAt: string }>;

export const ownerProfiles = (url: string, token: string | undefined): OwnerProfiles =>
  new OwnerResource(url, '/v1/shard/profiles', token, (body: ShardProfiles) => body.model, (model) => ({ ownerBuiltAt: new Date(model.builtAt).toISOString() }));

/**
 * A rebuild on a shard other than 0: no clustering of its own. It takes shard 0's current model and assigns
 * every user of this shard to it with `assignProfile`; the model it saves is shard 0's (same ids, names,
 * centroids, fit statistics) with `users` and each profile's `size` counted over this shard's users.
 */
export function followerRunner(owner: OwnerProfiles): RebuildRunner {
  return async (users) => {
    const t0 = performance.now();
    await owner.check().catch(() => undefined);
    const model = owner.latest;
    if (!model) throw new Error(`no profile model yet: this shard takes shard 0's, and ${owner.status.lastError ?? 'shard 0 has none yet'}`);
    const assignments: string[] = [];
    const sizes = new Map<string, number>();
    for await (const chunk of users) {
      for (const u of chunk) {
        const id = assignProfile(u, model).profileId;
        assignments.push(id);
        sizes.set(id, (sizes.get(id) ?? 0) + 1);
      }
    }
    const total = (performance.now() - t0) / 1000;
    return {
      model: { ...model, users: assignments.length, profiles: model.profiles.map((p) => ({ ...p, size: sizes.get(p.id) ?? 0 })) },
      assignments,
      timings: { features: total, standardize: 0, kmeans: 0, dbscan: 0, naming: 0, total },
    };
  };
}

/**
 * Every `pollMs`, checks shard 0's model and reassigns this shard's users until the newest one has been taken
 * (a failed reassignment is retried at the next check). Returns the stop function.
 */
export function followOwner(service: Pick<ProfileService, 'rebuild'>, owner: OwnerProfiles, pollMs: number, scheduler: Scheduler, logger: Logger): () => void {
  let busy = false;
  let taken: number | undefined;
  // Returns the check's promise (the scheduler ignores it; tests await it).
  return scheduler((): Promise<void> | undefined => {
    if (busy) return undefined;
    busy = true;
    return owner
      .check()
      .then(async () => {
        const version = owner.latest?.builtAt;
        if (version === undefined || version === taken) return;
        await service.rebuild();
        taken = version;
      })
      .catch((err: Error) => logger.warn({ err }, `shard 0's profile model not taken this time: ${err.message}`))
      .finally(() => void (busy = false));
  }, pollMs);
}
