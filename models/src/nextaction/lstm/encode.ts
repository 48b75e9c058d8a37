import type { InterpolatedMarkov } from '../markov/interpolated-markov';
import type { LstmConfig } from './config';
import type { LstmSession, Window } from './windows';

/** One batch as typed arrays, time-major: element t·lanes + b is step t of window b. */
export interface EncodedBatch {
  readonly steps: number;
  readonly lanes: number;
  readonly actions: Int32Array;
  readonly dataTypes?: Int32Array;
  /** [steps·lanes, 4]: sin/cos of time of day and day of week. */
  readonly time?: Float32Array;
  /** [steps·lanes, vocabSize + 1]: log1p of each action's count so far, then log1p(position). */
  readonly history?: Float32Array;
  /** [steps·lanes, vocabSize]: 1 / (1 + steps since each action last occurred), 0 if it has not. */
  readonly recency?: Float32Array;
  /** [steps·lanes, vocabSize]: log-probabilities of the Markov prior for the next action. */
  readonly prior?: Float32Array;
  readonly profiles?: Int32Array;
  readonly users?: Int32Array;
  readonly targets: Int32Array;
  /** 1 where the target is scored. */
  readonly mask: Float32Array;
  /** log1p(complexity) of the target action, and 1 where it is known and scored. */
  readonly complexity: Float32Array;
  readonly complexityMask: Float32Array;
  /** Number of scored targets. */
  readonly scored: number;
}

const DAY_MS = 86_400_000;

/**
 * Builds a batch. With a Markov prior, `leaveOneOut` (training) removes each scored target's own
 * observation from the prior's counts.
 */
export function encodeBatch(
  sessions: readonly LstmSession[],
  windows: readonly Window[],
  config: LstmConfig,
  prior?: InterpolatedMarkov,
  leaveOneOut = false,
): EncodedBatch {
  const lanes = windows.length;
  let steps = 0;
  for (const w of windows) steps = Math.max(steps, w.to - w.from - 1);
  const n = steps * lanes;
  const actions = new Int32Array(n).fill(config.vocabSize);
  const targets = new Int32Array(n);
  const mask = new Float32Array(n);
  const complexity = new Float32Array(n);
  const complexityMask = new Float32Array(n);
  const dataTypes = config.dataTypes > 0 ? new Int32Array(n).fill(config.dataTypes) : undefined;
  const time = config.timeFeatures ? new Float32Array(n * 4) : undefined;
  const V = config.vocabSize;
  const history = config.historyFeatures ? new Float32Array(n * (V + 1)) : undefined;
  const counts = new Float64Array(V);
  const recency = config.recencyFeatures ? new Float32Array(n * V) : undefined;
  const lastSeen = new Int32Array(V);
  if (config.markovPrior > 0 && !prior) throw new Error('this LSTM needs its Markov prior (config.markovPrior > 0) but none was given');
  const priorOut = prior ? new Float32Array(n * V) : undefined;
  const profiles = config.profiles > 0 ? new Int32Array(lanes).fill(config.profiles) : undefined;
  const users = config.userBuckets > 0 ? new Int32Array(lanes) : undefined;
  let scored = 0;
  windows.forEach((w, b) => {
    const s = sessions[w.session];
    if (profiles && s.profile !== undefined) profiles[b] = checkIndex('profile', s.profile, config.profiles);
    if (users && s.userBucket !== undefined) users[b] = checkIndex('userBucket', s.userBucket, config.userBuckets);
    if (history) {
      counts.fill(0);
      for (let j = 0; j < w.from; j++) counts[s.actions[j]]++;
    }
    if (recency) {
      lastSeen.fill(-1);
      for (let j = 0; j < w.from; j++) lastSeen[s.actions[j]] = j;
    }
    for (let j = w.from; j < w.to - 1; j++) {
      const i = (j - w.from) * lanes + b;
      actions[i] = checkIndex('action', s.actions[j], config.vocabSize);
      targets[i] = checkIndex('action', s.actions[j + 1], config.vocabSize);
      if (prior && priorOut) prior.logProbInto(s.actions, j + 1, priorOut, i * V, leaveOneOut && j + 1 >= w.scoreFrom ? s.actions[j + 1] : -1);
      if (j + 1 >= w.scoreFrom) {
        mask[i] = 1;
        scored++;
        const c = s.complexity?.[j + 1];
        if (c !== undefined && Number.isFinite(c) && c >= 0) {
          complexity[i] = Math.log1p(c);
          complexityMask[i] = 1;
        }
      }
      if (dataTypes && s.dataTypes) dataTypes[i] = checkIndex('dataType', s.dataTypes[j], config.dataTypes);
      if (time && s.timestamps) timeFeatures(s.timestamps[j], time, i * 4);
      if (history) {
        counts[s.actions[j]]++;
        const at = i * (V + 1);
        for (let a = 0; a < V; a++) if (counts[a] > 0) history[at + a] = Math.log1p(counts[a]);
        history[at + V] = Math.log1p(j);
      }
      if (recency) {
        lastSeen[s.actions[j]] = j;
        for (let a = 0; a < V; a++) if (lastSeen[a] >= 0) recency[i * V + a] = 1 / (1 + j - lastSeen[a]);
      }
    }
  });
  return { steps, lanes, actions, dataTypes, time, history, recency, prior: priorOut, profiles, users, targets, mask, complexity, complexityMask, scored };
}

/** sin/cos of the time of day and of the day of week (UTC) of a timestamp, written at out[at…at+3]. */
export function timeFeatures(ms: number, out: Float32Array, at: number): void {
  const day = ((ms % DAY_MS) + DAY_MS) % DAY_MS / DAY_MS;
  // 1970-01-01 was a Thursday: shift so that Monday 00:00 is phase 0.
  const week = ((((ms / DAY_MS + 3) % 7) + 7) % 7) / 7;
  out[at] = Math.sin(2 * Math.PI * day);
  out[at + 1] = Math.cos(2 * Math.PI * day);
  out[at + 2] = Math.sin(2 * Math.PI * week);
  out[at + 3] = Math.cos(2 * Math.PI * week);
}

function checkIndex(name: string, v: number, size: number): number {
  if (!(Number.isInteger(v) && v >= 0 && v < size)) throw new Error(`lstm input ${name} must be an integer in 0…${size - 1}, got ${v}`);
  return v;
}
