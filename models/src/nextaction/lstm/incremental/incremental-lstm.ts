import type * as TF from '@tensorflow/tfjs';
import type { InterpolatedMarkov } from '../../markov/interpolated-markov';
import { timeFeatures } from '../encode';
import type { LstmNetwork } from '../network';
import type { NextActionForecast } from '../predict';
import { denseWidth, laneInputs, LstmStepper, type LaneInputs } from './lstm-stepper';
import { LstmSessionSlab } from './session-slab';

/** New actions of one session since it was last advanced (the LstmSession fields, per action). */
export interface SessionEvents {
  readonly id: string;
  readonly actions: ArrayLike<number>;
  readonly dataTypes?: ArrayLike<number>;
  readonly timestamps?: ArrayLike<number>;
  /** Profile and user bucket inputs, read when the session is first seen (they stay for its life). */
  readonly profile?: number;
  readonly userBucket?: number;
}

export interface IncrementalLstmOptions {
  /** Most sessions tracked at once; the slab's memory is bounded by this. */
  readonly maxSessions: number;
  /** Lanes (session steps) per matrix product; bounds the work buffers (2048 was fastest here). */
  readonly maxLanes?: number;
}

const NONE = -1;
const COUNT_MAX = 65535;

/**
 * Keeps every active session's LSTM state and advances it only by the actions that arrived since the
 * last call, so that a forecast cycle costs one step per new action instead of a whole window per
 * session. The predictions equal LstmPredictor.distributionsAllPositions on the whole session (the
 * computation the model was evaluated with) to float tolerance, because the state follows the same
 * windows: the state restarts from zero at every window start of cutWindows (positions S, 2S, … with
 * S = window − burnIn − 1), and the old state keeps serving for `burnIn` more actions while the new one
 * warms up, so at most two states per session exist at once. For sessions no longer than the window this
 * is also exactly LstmPredictor.forecast. History counts saturate at 65,535 per action.
 */
export class IncrementalLstm {
  readonly slab: LstmSessionSlab;
  private readonly stepper: LstmStepper;
  private readonly prior: InterpolatedMarkov | undefined;
  private readonly maxLanes: number;
  private readonly stride: number;
  private readonly lanes: LaneInputs;
  private readonly laneSlots: Int32Array;
  private readonly priorRows: Float32Array;
  private readonly outRows: Int32Array;

  constructor(tf: typeof TF, network: LstmNetwork, options: IncrementalLstmOptions) {
    const c = network.config;
    this.stride = c.window - c.burnIn - 1;
    if (this.stride <= c.burnIn) {
      throw new Error(`incremental LSTM needs window − burnIn − 1 > burnIn (at most two overlapping windows), got window ${c.window}, burnIn ${c.burnIn}`);
    }
    if (c.markovPrior > 0 && !network.prior) throw new Error('this LSTM needs its Markov prior (config.markovPrior > 0) but the network has none');
    this.maxLanes = options.maxLanes ?? 2048;
    if (!(Number.isInteger(this.maxLanes) && this.maxLanes >= 2)) throw new Error(`maxLanes must be an integer ≥ 2, got ${this.maxLanes}`);
    this.slab = new LstmSessionSlab(c, options.maxSessions);
    this.stepper = new LstmStepper(tf, network);
    this.prior = network.prior;
    this.lanes = laneInputs(c, this.maxLanes);
    this.laneSlots = new Int32Array(this.maxLanes);
    this.priorRows = new Float32Array(this.maxLanes * c.vocabSize);
    this.outRows = new Int32Array(this.maxLanes);
  }

  get size(): number {
    return this.slab.size;
  }

  /** The next-action distribution after a tracked session's last action (a view into the slab). */
  forecast(id: string): NextActionForecast | undefined {
    const s = this.slab.slotOf(id);
    if (s === undefined) return undefined;
    const V = this.slab.config.vocabSize;
    return { probabilities: this.slab.probabilities.subarray(s * V, (s + 1) * V), complexity: this.slab.complexity[s] };
  }

  /** Forgets an ended session. */
  evict(id: string): boolean {
    return this.slab.delete(id);
  }

  /**
   * Advances each session by its new actions (a session not tracked yet starts from zero state) and
   * recomputes its forecast. Returns the ids left untracked because maxSessions are tracked already.
   */
  advance(updates: readonly SessionEvents[]): string[] {
    const untracked: string[] = [];
    const work: Array<{ slot: number; u: SessionEvents }> = [];
    for (const u of updates) {
      if (u.actions.length === 0) continue;
      let slot = this.slab.slotOf(u.id);
      if (slot === undefined) {
        const c = this.slab.config;
        slot = this.slab.add(u.id, u.profile ?? c.profiles, u.userBucket ?? 0);
        if (slot === undefined) {
          untracked.push(u.id);
          continue;
        }
      }
      work.push({ slot, u });
    }
    const order = longestFirst(work.map((w) => w.u.actions.length));
    let n = 0;
    const rounds = work.length > 0 ? work[order[0]].u.actions.length : 0;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < order.length && work[order[i]].u.actions.length > r; i++) {
        if (n + 2 > this.maxLanes) n = this.flush(n);
        n = this.addLanes(work[order[i]].slot, work[order[i]].u, r, n);
      }
      n = this.flush(n); // a session's next action needs this one's state
    }
    for (let i = 0; i < work.length; i += this.maxLanes) this.output(work.slice(i, i + this.maxLanes).map((w) => w.slot));
    return untracked;
  }

  /** Moves the window schedule and the session's inputs forward by action r of u; adds its lane(s). */
  private addLanes(s: number, u: SessionEvents, r: number, n: number): number {
    const slab = this.slab;
    const c = slab.config;
    const V = c.vocabSize;
    const p = slab.position[s];
    if (p > 0 && p % this.stride === 0) {
      slab.secondary[s] = slab.newState();
      slab.secondaryStart[s] = p;
    }
    if (slab.secondary[s] !== NONE && p - slab.secondaryStart[s] === c.burnIn) {
      slab.releaseState(slab.primary[s]);
      slab.primary[s] = slab.secondary[s];
      slab.secondary[s] = NONE;
    }
    const a = checkIndex('action', u.actions[r], V);
    const counts = slab.counts;
    if (counts[s * V + a] < COUNT_MAX) counts[s * V + a]++;
    if (c.recencyFeatures) slab.lastSeen[s * V + a] = p;
    const O = c.markovPrior;
    if (O > 0) {
      slab.context.copyWithin(s * O, s * O + 1, (s + 1) * O);
      slab.context[(s + 1) * O - 1] = a;
    }
    slab.position[s] = p + 1;

    const x = this.lanes;
    const F = denseWidth(c);
    x.actions[n] = a;
    x.dataTypes[n] = u.dataTypes ? checkIndex('dataType', u.dataTypes[r], c.dataTypes) : c.dataTypes;
    x.profiles[n] = slab.profile[s];
    x.users[n] = slab.user[s];
    const d = x.dense;
    let at = n * F;
    d.fill(0, at, at + F);
    if (c.timeFeatures) {
      if (u.timestamps) timeFeatures(u.timestamps[r], d, at);
      at += 4;
    }
    if (c.historyFeatures) {
      for (let k = 0; k < V; k++) if (counts[s * V + k] > 0) d[at + k] = Math.log1p(counts[s * V + k]);
      d[at + V] = Math.log1p(p);
      at += V + 1;
    }
    if (c.recencyFeatures) {
      for (let k = 0; k < V; k++) {
        const seen = slab.lastSeen[s * V + k];
        if (seen >= 0) d[at + k] = 1 / (1 + p - seen);
      }
      at += V;
    }
    if (c.priorInput) this.priorInto(s, d, at);
    this.laneSlots[n] = slab.primary[s];
    if (slab.secondary[s] === NONE) return n + 1;
    x.actions[n + 1] = x.actions[n];
    x.dataTypes[n + 1] = x.dataTypes[n];
    x.profiles[n + 1] = x.profiles[n];
    x.users[n + 1] = x.users[n];
    d.copyWithin((n + 1) * F, n * F, (n + 1) * F);
    this.laneSlots[n + 1] = slab.secondary[s];
    return n + 2;
  }

  /** The Markov prior's log-probabilities of the next action given the session's context. */
  private priorInto(s: number, out: Float32Array, at: number): void {
    const O = this.slab.config.markovPrior;
    const m = Math.min(this.slab.position[s], O);
    this.prior!.logProbInto(this.slab.context.subarray((s + 1) * O - m, (s + 1) * O), m, out, at);
  }

  private flush(n: number): number {
    if (n > 0) this.stepper.step(this.lanes, n, this.slab.states, this.laneSlots);
    return 0;
  }

  private output(slots: number[]): void {
    const slab = this.slab;
    const V = slab.config.vocabSize;
    slots.forEach((s, b) => {
      this.laneSlots[b] = slab.primary[s];
      this.outRows[b] = s;
      if (this.prior) this.priorInto(s, this.priorRows, b * V);
    });
    this.stepper.outputs(slab.states, this.laneSlots, slots.length, this.prior ? this.priorRows : undefined, this.outRows, slab.probabilities, slab.complexity);
  }

  /** Frees the stepper's weights (the slab is ordinary memory). */
  dispose(): void {
    this.stepper.dispose();
  }
}

/** Indices of `lengths` from the longest to the shortest (a counting sort: lengths are small integers). */
function longestFirst(lengths: readonly number[]): Int32Array {
  let max = 0;
  for (const l of lengths) max = Math.max(max, l);
  const start = new Int32Array(max + 2);
  for (const l of lengths) start[max - l + 1]++;
  for (let i = 1; i <= max + 1; i++) start[i] += start[i - 1];
  const order = new Int32Array(lengths.length);
  lengths.forEach((l, i) => (order[start[max - l]++] = i));
  return order;
}

function checkIndex(name: string, v: number, size: number): number {
  if (!(Number.isInteger(v) && v >= 0 && v < size)) throw new Error(`lstm input ${name} must be an integer in 0…${size - 1}, got ${v}`);
  return v;
}
