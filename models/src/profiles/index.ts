// profiles: per-user behaviour features, K-Means + DBSCAN, names and stable ids. Re-exported from ../index.ts
export * from './types';
export { aggregateEvents, isErrorEvent, type AggregateOptions } from './aggregate';
export { buildFeatureSpace, featurize, OTHER, HOUR_BUCKETS, SCALAR_FEATURES } from './features';
export { fitScaler, standardize, standardizeActive, unstandardizeActive } from './scaler';
export { silhouetteScore, silhouetteFromDistances, distanceMatrix, type DistanceMatrix } from './silhouette';
export { kmeansWithChosenK, DEFAULT_K_SELECTION, K_RULES, type KRule, type KScore, type KSelectionOptions, type KMeansFit } from './kmeans';
export { gapAt, gapRuleHolds, referenceSets, withinSumOfSquares, type GapPoint } from './gap';
export { dbscan, dbscanWeighted, kneeEps, NOISE, type DbscanResult } from './dbscan';
export { densityWithinClusters, DEFAULT_DENSITY, type DensityOptions } from './density';
export { NAMING_RULES, nameProfiles, baseName, topTraits, activityScore, dominantAction, type CentroidZ } from './naming';
export { matchProfileIds, DEFAULT_MAX_MATCH_DISTANCE, type PreviousProfiles, type IdMatch } from './stable-ids';
export { profileTransitions, type ProfileTransitions } from './transitions';
export { assignProfile, type UserProfileAssignment } from './assign';
export { buildProfiles, zMap, DEFAULT_BUILD_OPTIONS, type BuildOptions, type BuildResult, type BuildTimings, type BuildClock } from './build';
