import { DEFAULT_POLICY, type Policy } from '../../policy/schema';
import { policyStrategy } from '../../policy/strategy';
import type { ManagerSettings } from '../../allocation/types';
import { SHORT_TERM_DEFAULTS } from '../../allocation/short-term-forecaster';
import type { Strategy } from '../types';

/** The groups of tuned constants the audit searches one at a time (each around the defaults of the others). */
export const TUNING_GROUPS = ['targets', 'burst', 'trend'] as const;
export type TuningGroup = (typeof TUNING_GROUPS)[number];

/** One setting of one group's constants; the rest stay at their defaults. */
export interface TuningCandidate {
  readonly group: TuningGroup;
  /** Policy targets (DEFAULT_POLICY.targets where not given). */
  readonly targets?: Partial<Pick<Policy['targets'], 'servingQuantile' | 'surgeQuantile'>>;
  /** Short-term forecaster internals (their code defaults where not given). */
  readonly forecast?: ManagerSettings['forecast'];
}

/** A setting of every group at once: what a selection rule returns and what the held-out runs use. */
export interface TuningConfig {
  readonly targets: Pick<Policy['targets'], 'servingQuantile' | 'surgeQuantile'>;
  readonly forecast: NonNullable<ManagerSettings['forecast']>;
}

/** The defaults as a TuningConfig: DEFAULT_POLICY's quantiles and the forecaster's code defaults. */
export const DEFAULT_TUNING: TuningConfig = {
  targets: { servingQuantile: DEFAULT_POLICY.targets.servingQuantile, surgeQuantile: DEFAULT_POLICY.targets.surgeQuantile },
  forecast: {},
};

/** A candidate as a full setting (the other groups at their defaults). */
export function configOf(c: TuningCandidate): TuningConfig {
  return { targets: { ...DEFAULT_TUNING.targets, ...c.targets }, forecast: { ...c.forecast } };
}

/** Joins the chosen candidate of each group into one setting. */
export function combineCandidates(chosen: readonly TuningCandidate[]): TuningConfig {
  return chosen.reduce<TuningConfig>(
    (acc, c) => ({ targets: { ...acc.targets, ...c.targets }, forecast: { ...acc.forecast, ...c.forecast } }),
    { targets: { ...DEFAULT_TUNING.targets }, forecast: {} },
  );
}

/** A stable key of a setting (same key, same simulation), e.g. for caching runs. */
export function configKey(c: TuningConfig): string {
  const f = Object.entries(c.forecast).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([c.targets.servingQuantile, c.targets.surgeQuantile, f]);
}

/** Human-readable label of a setting: only what differs from the defaults. */
export function configLabel(c: TuningConfig): string {
  const parts: string[] = [];
  if (c.targets.servingQuantile !== DEFAULT_TUNING.targets.servingQuantile) parts.push(`servingQuantile ${c.targets.servingQuantile}`);
  if (c.targets.surgeQuantile !== DEFAULT_TUNING.targets.surgeQuantile) parts.push(`surgeQuantile ${c.targets.surgeQuantile}`);
  for (const [k, v] of Object.entries(c.forecast).sort(([a], [b]) => a.localeCompare(b))) parts.push(`${k} ${JSON.stringify(v)}`);
  return parts.length > 0 ? parts.join(', ') : 'defaults';
}

/**
 * The strategy a setting runs: DEFAULT_POLICY with the setting's quantiles, through policyStrategy (the code
 * the exporter's ManagerService runs), with the forecaster internals passed as options.
 */
export function tuningStrategy(c: TuningConfig): Strategy {
  const policy: Policy = { ...DEFAULT_POLICY, targets: { ...DEFAULT_POLICY.targets, ...c.targets } };
  return policyStrategy(policy, Object.keys(c.forecast).length > 0 ? { forecast: c.forecast } : {});
}

const targets = (servingQuantile: number, surgeQuantile: number): TuningCandidate => ({ group: 'targets', targets: { servingQuantile, surgeQuantile } });
const isDefault = (c: TuningCandidate): boolean => configKey(configOf(c)) === configKey(DEFAULT_TUNING);
/** One forecaster option at the given values, leaving out the value that is its code default. */
const oneAtATime = <K extends 'burstSpread' | 'burstSurprise' | 'trendWeight' | 'levelMinutes'>(group: TuningGroup, key: K, values: readonly number[]): TuningCandidate[] =>
  values.filter((v) => v !== SHORT_TERM_DEFAULTS[key]).map((v) => ({ group, forecast: { [key]: v } }));
const defaultsFirst = (group: TuningGroup, candidates: TuningCandidate[]): TuningCandidate[] => [
  { group, ...(group === 'targets' ? { targets: DEFAULT_TUNING.targets } : { forecast: {} }) },
  ...candidates.filter((c) => !isDefault(c)),
];

/**
 * The audit's coarse grid, fixed values with the current defaults first in every group (ties keep the
 * first): the serving and surge quantiles together (surge ≥ serving); the two burst-phase thresholds one at
 * a time, and the burst rule off; the trend share and the level window one at a time.
 */
export const TUNING_GRID: readonly TuningCandidate[] = [
  ...defaultsFirst('targets', [
    ...[0.975, 0.98, 0.985, 0.99].map((q) => targets(q, 0.99)),
    ...[0.975, 0.98, 0.985, 0.99, 0.995].map((q) => targets(q, 0.995)),
  ]),
  ...defaultsFirst('burst', [
    ...oneAtATime('burst', 'burstSpread', [0.5, 1, 2]),
    ...oneAtATime('burst', 'burstSurprise', [0.25, 0.5, 1]),
    { group: 'burst', forecast: { burstPeriods: [] } },
  ]),
  ...defaultsFirst('trend', [...oneAtATime('trend', 'trendWeight', [0, 0.2, 0.5]), ...oneAtATime('trend', 'levelMinutes', [5, 15, 30])]),
];
