import { nearest } from './distance';
import { featurize } from './features';
import { standardizeActive } from './scaler';
import type { ProfileModel, UserAggregate } from './types';

export interface UserProfileAssignment {
  readonly userId: string;
  readonly profileId: string;
  readonly profileName: string;
  /** Distance to the profile's centroid in the model's standardised space. */
  readonly distance: number;
}

/** The profile whose centroid is nearest to this user's standardised features, under a saved model. */
export function assignProfile(agg: UserAggregate, model: ProfileModel): UserProfileAssignment {
  if (model.profiles.length === 0) throw new Error('the profile model has no profiles: rebuild it first');
  const z = standardizeActive(featurize(agg, model.space), model.scaler);
  const centroids = model.profiles.map((p) => standardizeActive(p.centroid, model.scaler));
  const best = nearest(z, centroids);
  const p = model.profiles[best.index];
  return { userId: agg.userId, profileId: p.id, profileName: p.name, distance: best.distance };
}
