import type { ActionSequence, NextActionPredictor } from '../types';

/** A model that gives the whole next-action distribution at every position (LstmPredictor, MarkovBackoff). */
export interface DistributionModel {
  readonly name: string;
  readonly vocabSize: number;
  /** Per session (length-1)·vocabSize probabilities; row j-1 is the distribution of item j given items 0 … j-1. */
  distributionsAllPositions(sessions: readonly ActionSequence[]): Promise<Float32Array[]>;
}

/**
 * Linear mixture (1 − w)·p_a + w·p_b of two models' next-action distributions. With the weight tuned
 * on held-out training sessions (tuneMixture), the mixture is an ensemble of, e.g., the LSTM and the
 * Markov back-off chain.
 */
export class MixturePredictor implements NextActionPredictor, DistributionModel {
  readonly vocabSize: number;

  constructor(
    readonly a: DistributionModel,
    readonly b: DistributionModel,
    readonly weight: number,
    readonly name = `${a.name}+${b.name}`,
  ) {
    if (a.vocabSize !== b.vocabSize) throw new Error(`mixture of ${a.name} (${a.vocabSize} actions) and ${b.name} (${b.vocabSize} actions): vocabularies differ`);
    if (!(weight >= 0 && weight <= 1)) throw new Error(`mixture weight must be in 0…1, got ${weight}`);
    this.vocabSize = a.vocabSize;
  }

  async distributionsAllPositions(sessions: readonly ActionSequence[]): Promise<Float32Array[]> {
    const [pa, pb] = [await this.a.distributionsAllPositions(sessions), await this.b.distributionsAllPositions(sessions)];
    return pa.map((p, i) => mix(p, pb[i], this.weight));
  }

  async rankAllPositions(sessions: readonly ActionSequence[], k: number): Promise<Uint8Array[]> {
    return (await this.distributionsAllPositions(sessions)).map((d) => topKRows(d, this.vocabSize, k));
  }
}

function mix(p: Float32Array, q: Float32Array, w: number, out = new Float32Array(p.length)): Float32Array {
  if (p.length !== q.length) throw new Error(`cannot mix distributions of ${p.length} and ${q.length} values`);
  for (let i = 0; i < p.length; i++) out[i] = (1 - w) * p[i] + w * q[i];
  return out;
}

/** The k largest entries of each row of V values, best first; ties go to the smaller index. */
export function topKRows(d: Float32Array, V: number, k: number): Uint8Array {
  const rows = d.length / V;
  const out = new Uint8Array(rows * k);
  const taken = new Uint8Array(V);
  for (let r = 0; r < rows; r++) {
    taken.fill(0);
    for (let n = 0; n < k; n++) {
      let best = -1;
      for (let a = 0; a < V; a++) if (!taken[a] && (best < 0 || d[r * V + a] > d[r * V + best])) best = a;
      taken[best] = 1;
      out[r * k + n] = best;
    }
  }
  return out;
}

export interface MixtureTuning {
  /** The chosen weight of model b. */
  readonly weight: number;
  readonly validationTargets: number;
  /** Validation top-1/top-3 at every weight tried. */
  readonly table: ReadonlyArray<{ readonly weight: number; readonly top1: number; readonly top3: number }>;
}

export const MIXTURE_GRID = [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

/**
 * Picks the weight of `b` that maximises top-1 + top-3 on validation sessions (held out from the
 * training of both models; never the test split). Ties keep the smaller weight.
 */
export async function tuneMixture(a: DistributionModel, b: DistributionModel, validation: readonly ActionSequence[], grid = MIXTURE_GRID): Promise<MixtureTuning> {
  if (grid.length === 0) throw new Error('tuneMixture needs at least one weight in the grid');
  const [pa, pb] = [await a.distributionsAllPositions(validation), await b.distributionsAllPositions(validation)];
  const V = a.vocabSize;
  const table = grid.map((weight) => {
    let targets = 0;
    let hit1 = 0;
    let hit3 = 0;
    validation.forEach((s, i) => {
      const top = topKRows(mix(pa[i], pb[i], weight), V, Math.min(3, V));
      for (let j = 1; j < s.length; j++) {
        const r = (j - 1) * Math.min(3, V);
        targets++;
        if (top[r] === s[j]) hit1++;
        if (top[r] === s[j] || top[r + 1] === s[j] || top[r + 2] === s[j]) hit3++;
      }
    });
    return { weight, top1: targets ? hit1 / targets : 0, top3: targets ? hit3 / targets : 0, targets };
  });
  let best = table[0];
  for (const row of table) if (row.top1 + row.top3 > best.top1 + best.top3) best = row;
  return { weight: best.weight, validationTargets: best.targets, table: table.map(({ weight, top1, top3 }) => ({ weight, top1, top3 })) };
}

/**
 * Carves a validation split out of the training sessions: every `every`-th one (index % every ==
 * every-1) is held out, the rest fit the models. The test split is never touched.
 */
export function validationSplit<T>(train: readonly T[], every = 20): { fit: T[]; validation: T[] } {
  if (!Number.isInteger(every) || every < 2) throw new Error(`validation: every must be an integer ≥ 2, got ${every}`);
  const fit: T[] = [];
  const validation: T[] = [];
  train.forEach((s, i) => (i % every === every - 1 ? validation : fit).push(s));
  return { fit, validation };
}
