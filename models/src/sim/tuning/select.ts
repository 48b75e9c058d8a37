import { combineCandidates, TUNING_GROUPS, type TuningCandidate, type TuningConfig } from './grid';

/** What the selection reads of one run. */
export interface SplitMetrics {
  readonly tau_U: number;
  readonly cost_ratio: number;
  readonly unserved_pct: number;
}

/** The project's goal (BENCHMARKS.md §1): tau_U at most half of predictive's at a cost ratio no higher. */
export const meetsGoal = (ours: SplitMetrics, predictive: SplitMetrics): boolean => ours.tau_U <= predictive.tau_U / 2 && ours.cost_ratio <= predictive.cost_ratio;
/** The stretch goal: tau_U ≤ 1 % at cost_ratio ≤ 1.2. */
export const meetsStretch = (ours: SplitMetrics): boolean => ours.tau_U <= 1 && ours.cost_ratio <= 1.2;
/** The under-provisioning bound of the objective. */
export const TAU_U_TARGET = 1;

/** A candidate's score over the training splits it is chosen on. */
export interface TrainingScore {
  /** Training splits where it meets the goal against predictive. */
  readonly goals_met: number;
  /** Training splits where its tau_U ≤ 1 %. */
  readonly tau_target_met: number;
  readonly mean_cost_ratio: number;
}

/** Scores one candidate from its runs and predictive's on the same training splits. */
export function trainingScore(runs: ReadonlyArray<{ ours: SplitMetrics; predictive: SplitMetrics }>): TrainingScore {
  if (runs.length === 0) throw new RangeError('a training score needs at least one training split');
  return {
    goals_met: runs.filter((r) => meetsGoal(r.ours, r.predictive)).length,
    tau_target_met: runs.filter((r) => r.ours.tau_U <= TAU_U_TARGET).length,
    mean_cost_ratio: runs.reduce((s, r) => s + r.ours.cost_ratio, 0) / runs.length,
  };
}

/**
 * The fixed objectives, both lexicographic over the training splits, ties keeping the earlier candidate:
 * - `tau-first` (the example, "minimise cost subject to tau_U ≤ 1 %"): meet the goal on the most
 *   splits, then reach tau_U ≤ 1 % on the most, then the lowest mean cost ratio;
 * - `goal-then-cost` (the rule of the `simulate` bench's hold-out since 28 Nov): meet the goal on the most
 *   splits, then the lowest mean cost ratio.
 */
export const OBJECTIVES = ['tau-first', 'goal-then-cost'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** Whether `candidate` scores strictly better than `incumbent` under `objective`. */
export function betterScore(candidate: TrainingScore, incumbent: TrainingScore, objective: Objective = 'tau-first'): boolean {
  if (candidate.goals_met !== incumbent.goals_met) return candidate.goals_met > incumbent.goals_met;
  if (objective === 'tau-first' && candidate.tau_target_met !== incumbent.tau_target_met) return candidate.tau_target_met > incumbent.tau_target_met;
  return candidate.mean_cost_ratio < incumbent.mean_cost_ratio - 1e-12;
}

/** The best item by `score`; ties keep the earlier one (the grid lists the defaults first). */
export function selectBest<T>(items: readonly T[], score: (item: T) => TrainingScore, objective: Objective = 'tau-first'): T {
  if (items.length === 0) throw new RangeError('nothing to select from');
  let best = items[0];
  let bestScore = score(best);
  for (const item of items.slice(1)) {
    const s = score(item);
    if (betterScore(s, bestScore, objective)) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}

/**
 * Chooses each group's candidate on the given training splits (the other groups at their defaults) and
 * joins them. `runsOf(candidate)` returns that candidate's runs on the training splits, with predictive's.
 */
export function selectConfig(
  grid: readonly TuningCandidate[],
  runsOf: (c: TuningCandidate) => ReadonlyArray<{ ours: SplitMetrics; predictive: SplitMetrics }>,
  objective: Objective = 'tau-first',
): { config: TuningConfig; chosen: TuningCandidate[] } {
  const chosen = TUNING_GROUPS.flatMap((g) => {
    const inGroup = grid.filter((c) => c.group === g);
    return inGroup.length > 0 ? [selectBest(inGroup, (c) => trainingScore(runsOf(c)), objective)] : [];
  });
  return { config: combineCandidates(chosen), chosen };
}

/** Splits a trace in time: the first `trainShare` of its minutes to choose on, the rest to report on. */
export function chronologicalSplit<T>(values: readonly T[], trainShare = 0.5): { train: T[]; test: T[] } {
  if (!(trainShare > 0 && trainShare < 1)) throw new RangeError(`trainShare must be in (0, 1), got ${trainShare}`);
  const cut = Math.floor(values.length * trainShare);
  if (cut < 1 || cut >= values.length) throw new RangeError(`a split needs minutes on both sides, got ${values.length} minutes`);
  return { train: values.slice(0, cut), test: values.slice(cut) };
}
