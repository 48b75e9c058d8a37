import type { LstmConfig } from '../config';

/** Sessions a slab starts with room for; it doubles as sessions arrive, up to its maximum. */
const INITIAL_SESSIONS = 1024;
const NONE = -1;

/**
 * Every tracked session's recurrent state in a few typed arrays (no object per session): per session
 * its position (actions seen), the action counts and last-seen positions of the history and recency
 * inputs, the Markov context (its last `markovPrior` actions), the profile and user inputs, and its
 * current next-action distribution and complexity; the LSTM states (h and c of every layer) live in a
 * pool of fixed-size slots, one per session, two while a session crosses into its next window (see
 * IncrementalLstm). Sessions and state slots are recycled through free lists, so memory is bounded by
 * `maxSessions` (and 2·`maxSessions` state slots) and reported exactly by `bytes`.
 */
export class LstmSessionSlab {
  /** Floats of one state slot: h then c for each layer. */
  readonly stateFloats: number;
  private readonly ids = new Map<string, number>();
  private freeSessions: number[] = [];
  private freeStates: number[] = [];
  private sessionCapacity = 0;
  private stateCapacity = 0;
  private sessionsUsed = 0;
  private statesUsed = 0;

  // One typed array per field (a struct of arrays), deliberately alike: a million sessions' state stays in
  // a few flat buffers the batched LSTM step reads in place, with no object per session for the GC.
  primary = new Int32Array(0);
  secondary = new Int32Array(0);
  secondaryStart = new Int32Array(0);
  position = new Int32Array(0);
  profile = new Int32Array(0);
  user = new Int32Array(0);
  counts = new Uint16Array(0);
  lastSeen = new Int32Array(0);
  context = new Uint8Array(0);
  probabilities = new Float32Array(0);
  complexity = new Float32Array(0);
  states = new Float32Array(0);

  constructor(
    readonly config: LstmConfig,
    readonly maxSessions: number,
  ) {
    if (!(Number.isInteger(maxSessions) && maxSessions >= 1)) throw new Error(`maxSessions must be an integer ≥ 1, got ${maxSessions}`);
    this.stateFloats = config.layers * 2 * config.hidden;
  }

  get size(): number {
    return this.ids.size;
  }

  /** Bytes of one session's own arrays plus one state slot (the Map entry of its id not included). */
  get bytesPerSession(): number {
    return this.sessionBytes(1) + this.stateFloats * 4;
  }

  /** Bytes of every typed array the slab holds now (allocated, used or free). */
  get bytes(): number {
    return this.sessionBytes(this.sessionCapacity) + this.states.byteLength;
  }

  slotOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  *entries(): IterableIterator<[string, number]> {
    yield* this.ids.entries();
  }

  /** A new session at position 0 with zero state; undefined when `maxSessions` are tracked already. */
  add(id: string, profile: number, user: number): number | undefined {
    if (this.ids.has(id)) throw new Error(`session ${id} is tracked already`);
    if (this.ids.size >= this.maxSessions) return undefined;
    let s = this.freeSessions.pop();
    if (s === undefined) {
      if (this.sessionsUsed === this.sessionCapacity) this.growSessions();
      s = this.sessionsUsed++;
    }
    const V = this.config.vocabSize;
    this.ids.set(id, s);
    this.position[s] = 0;
    this.profile[s] = profile;
    this.user[s] = user;
    this.counts.fill(0, s * V, (s + 1) * V);
    if (this.config.recencyFeatures) this.lastSeen.fill(NONE, s * V, (s + 1) * V);
    this.probabilities.fill(1 / V, s * V, (s + 1) * V);
    this.complexity[s] = NaN;
    this.primary[s] = this.newState();
    this.secondary[s] = NONE;
    return s;
  }

  /** Forgets a session and recycles its memory. */
  delete(id: string): boolean {
    const s = this.ids.get(id);
    if (s === undefined) return false;
    this.releaseState(this.primary[s]);
    if (this.secondary[s] !== NONE) this.releaseState(this.secondary[s]);
    this.secondary[s] = NONE;
    this.ids.delete(id);
    this.freeSessions.push(s);
    return true;
  }

  /** A zeroed state slot (h = c = 0). */
  newState(): number {
    let k = this.freeStates.pop();
    if (k === undefined) {
      if (this.statesUsed === this.stateCapacity) this.growStates();
      k = this.statesUsed++;
    }
    this.states.fill(0, k * this.stateFloats, (k + 1) * this.stateFloats);
    return k;
  }

  releaseState(k: number): void {
    this.freeStates.push(k);
  }

  private sessionBytes(n: number): number {
    const V = this.config.vocabSize;
    const recency = this.config.recencyFeatures ? V * 4 : 0;
    // primary, secondary, secondaryStart, position, profile, user, complexity: 4 bytes each.
    return n * (7 * 4 + V * 2 + recency + this.config.markovPrior + V * 4);
  }

  private growSessions(): void {
    const n = Math.min(this.maxSessions, Math.max(INITIAL_SESSIONS, this.sessionCapacity * 2));
    const V = this.config.vocabSize;
    this.primary = grown(this.primary, n);
    this.secondary = grown(this.secondary, n);
    this.secondaryStart = grown(this.secondaryStart, n);
    this.position = grown(this.position, n);
    this.profile = grown(this.profile, n);
    this.user = grown(this.user, n);
    this.complexity = grown(this.complexity, n);
    this.counts = grown(this.counts, n * V);
    if (this.config.recencyFeatures) this.lastSeen = grown(this.lastSeen, n * V);
    this.context = grown(this.context, n * this.config.markovPrior);
    this.probabilities = grown(this.probabilities, n * V);
    this.sessionCapacity = n;
  }

  private growStates(): void {
    const n = Math.min(2 * this.maxSessions, Math.max(INITIAL_SESSIONS, this.stateCapacity * 2));
    if (n === this.stateCapacity) throw new Error(`the LSTM state pool is full (${n} slots for ${this.maxSessions} sessions)`);
    this.states = grown(this.states, n * this.stateFloats);
    this.stateCapacity = n;
  }
}

type Typed = Int32Array | Uint16Array | Uint8Array | Float32Array;

function grown<T extends Typed>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}
