import type { ActionSequence, NextActionPredictor } from '../types';

/** The next-action protocol of BENCHMARKS.md §2, as one string for result files. */
export const NEXT_ACTION_PROTOCOL =
  'msnbc-v1: non-empty sessions numbered in file order, i % 5 == 4 test, every position j >= 1 of a test session is a target predicted from items 0..j-1; micro-averaged top-1/top-3';

export interface SessionSplit {
  readonly train: ActionSequence[];
  readonly test: ActionSequence[];
}

/** Splits sessions (already in file order, empty ones dropped) into train and test: i % 5 == 4 is test. */
export function splitSessions(sessions: readonly ActionSequence[]): SessionSplit {
  const train: ActionSequence[] = [];
  const test: ActionSequence[] = [];
  sessions.forEach((s, i) => {
    if (s.length === 0) throw new Error(`session ${i} is empty: drop empty sessions before numbering them`);
    (i % 5 === 4 ? test : train).push(s);
  });
  return { train, test };
}

/** Number of targets in a set of sessions: every position j ≥ 1. */
export function countTargets(sessions: readonly ActionSequence[]): number {
  let n = 0;
  for (const s of sessions) n += Math.max(0, s.length - 1);
  return n;
}

export interface TopKScore {
  readonly targets: number;
  readonly top1: number;
  readonly top3: number;
}

/** Micro-averaged top-1 and top-3 accuracy of a predictor over every target of the test sessions. */
export async function scoreTopK(model: NextActionPredictor, test: readonly ActionSequence[]): Promise<TopKScore> {
  const k = 3;
  const rankings = await model.rankAllPositions(test, k);
  if (rankings.length !== test.length) {
    throw new Error(`${model.name} returned ${rankings.length} rankings for ${test.length} sessions`);
  }
  let targets = 0;
  let hit1 = 0;
  let hit3 = 0;
  test.forEach((s, i) => {
    const r = rankings[i];
    if (r.length !== Math.max(0, s.length - 1) * k) {
      throw new Error(`${model.name} ranked ${r.length / k} positions of session ${i}, which has ${s.length - 1} targets`);
    }
    for (let j = 1; j < s.length; j++) {
      const row = (j - 1) * k;
      const truth = s[j];
      targets++;
      if (r[row] === truth) hit1++;
      if (r[row] === truth || r[row + 1] === truth || r[row + 2] === truth) hit3++;
    }
  });
  return { targets, top1: targets ? hit1 / targets : 0, top3: targets ? hit3 / targets : 0 };
}
