import type { LstmPredictor, LstmSession } from '@shadowfleet/models';

/** A session cut to its first `n` items (every input alongside the actions). */
function prefix(s: LstmSession, n: number): LstmSession {
  return {
    actions: s.actions.subarray(0, n),
    dataTypes: s.dataTypes ? Array.prototype.slice.call(s.dataTypes, 0, n) : undefined,
    timestamps: s.timestamps ? Array.prototype.slice.call(s.timestamps, 0, n) : undefined,
    ...(s.profile !== undefined ? { profile: s.profile } : {}),
  };
}

/**
 * Top-1 accuracy of an LSTM on held-out sessions with all the inputs it was trained on (data types,
 * times, profile): every position j ≥ 1 is predicted from items 0 … j-1 of its session, the protocol of
 * the MSNBC benchmark (whose rankings see actions only).
 */
export async function lstmTop1(predictor: LstmPredictor, sessions: readonly LstmSession[]): Promise<number> {
  const prefixes: LstmSession[] = [];
  const targets: number[] = [];
  for (const s of sessions) {
    for (let j = 1; j < s.actions.length; j++) {
      prefixes.push(prefix(s, j));
      targets.push(s.actions[j]);
    }
  }
  if (prefixes.length === 0) return NaN;
  const out = await predictor.forecast(prefixes);
  let hits = 0;
  out.forEach((f, i) => {
    let best = 0;
    for (let a = 1; a < f.probabilities.length; a++) if (f.probabilities[a] > f.probabilities[best]) best = a;
    if (best === targets[i]) hits++;
  });
  return hits / prefixes.length;
}
