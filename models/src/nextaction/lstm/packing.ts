import type { LstmSession } from './windows';

/** Sessions packed into a few typed arrays, so they cross to a worker thread without copying objects. */
export interface PackedSessions {
  readonly offsets: Uint32Array;
  readonly actions: Uint8Array;
  readonly dataTypes?: Int32Array;
  readonly timestamps?: Float64Array;
  readonly complexity?: Float32Array;
  /** Per session; -1 = absent. */
  readonly profiles?: Int32Array;
  readonly userBuckets?: Int32Array;
}

export function packSessions(sessions: readonly LstmSession[]): PackedSessions {
  const offsets = new Uint32Array(sessions.length + 1);
  sessions.forEach((s, i) => (offsets[i + 1] = offsets[i] + s.actions.length));
  const n = offsets[sessions.length];
  const actions = new Uint8Array(n);
  const has = (k: keyof LstmSession): boolean => sessions.some((s) => s[k] !== undefined);
  const dataTypes = has('dataTypes') ? new Int32Array(n).fill(-1) : undefined;
  const timestamps = has('timestamps') ? new Float64Array(n).fill(NaN) : undefined;
  const complexity = has('complexity') ? new Float32Array(n).fill(NaN) : undefined;
  const profiles = has('profile') ? new Int32Array(sessions.length).fill(-1) : undefined;
  const userBuckets = has('userBucket') ? new Int32Array(sessions.length).fill(-1) : undefined;
  sessions.forEach((s, i) => {
    const at = offsets[i];
    actions.set(s.actions, at);
    if (dataTypes && s.dataTypes) dataTypes.set(Array.from(s.dataTypes), at);
    if (timestamps && s.timestamps) timestamps.set(Array.from(s.timestamps), at);
    if (complexity && s.complexity) complexity.set(Array.from(s.complexity), at);
    if (profiles && s.profile !== undefined) profiles[i] = s.profile;
    if (userBuckets && s.userBucket !== undefined) userBuckets[i] = s.userBucket;
  });
  return { offsets, actions, dataTypes, timestamps, complexity, profiles, userBuckets };
}

export function unpackSessions(p: PackedSessions): LstmSession[] {
  const out: LstmSession[] = [];
  for (let i = 0; i + 1 < p.offsets.length; i++) {
    const a = p.offsets[i];
    const b = p.offsets[i + 1];
    const dataTypes = p.dataTypes?.subarray(a, b);
    out.push({
      actions: p.actions.subarray(a, b),
      dataTypes: dataTypes && dataTypes.every((d) => d >= 0) ? dataTypes : undefined,
      timestamps: p.timestamps && !Number.isNaN(p.timestamps[a]) ? p.timestamps.subarray(a, b) : undefined,
      complexity: p.complexity?.subarray(a, b),
      profile: p.profiles && p.profiles[i] >= 0 ? p.profiles[i] : undefined,
      userBucket: p.userBuckets && p.userBuckets[i] >= 0 ? p.userBuckets[i] : undefined,
    });
  }
  return out;
}

/** The buffers to transfer (not copy) with postMessage. */
export function transferList(p: PackedSessions): ArrayBuffer[] {
  return [p.offsets, p.actions, p.dataTypes, p.timestamps, p.complexity, p.profiles, p.userBuckets]
    .filter((x): x is NonNullable<typeof x> => x !== undefined)
    .map((x) => x.buffer as ArrayBuffer);
}
