import type { LstmSession } from '@shadowfleet/models';

/** Vocabulary of the service's LSTM: the first VOCAB-1 actions seen; every later one is "other". */
export const LSTM_VOCAB = 64;
/** Data types the LSTM tells apart: the first LSTM_DATA_TYPES-1 seen; the last index is "other or none". */
export const LSTM_DATA_TYPES = 16;
/** Profile slots of the LSTM's profile input (stable profile ids "p<n>" map to (n-1) mod slots). */
export const LSTM_PROFILES = 32;
/** Most recent actions kept per live session (the LSTM's window). */
export const KEEP_ACTIONS = 64;

/** The service LSTM's inputs beside the actions: data types, profile, time of day and day of week. */
export const SERVICE_LSTM_INPUTS = { vocabSize: LSTM_VOCAB, dataTypes: LSTM_DATA_TYPES, profiles: LSTM_PROFILES, timeFeatures: true } as const;

/**
 * Data type → input index, by first appearance in the store's time order (the same order after a restart,
 * since the service reads the store from its start, as it does for the action vocabulary).
 */
export class DataTypeVocabulary {
  private readonly index = new Map<string, number>();

  indexOf(dataType: string | undefined): number {
    const other = LSTM_DATA_TYPES - 1;
    if (dataType === undefined) return other;
    let i = this.index.get(dataType);
    if (i === undefined) {
      i = this.index.size < other ? this.index.size : other;
      if (i < other) this.index.set(dataType, i);
    }
    return i;
  }
}

/** The LSTM's profile slot of a stable profile id ("p7" → 6); undefined for no profile or another id form. */
export function profileSlot(profileId: string | undefined): number | undefined {
  const m = profileId === undefined ? null : /^p(\d+)$/.exec(profileId);
  return m ? (Number(m[1]) - 1 + LSTM_PROFILES) % LSTM_PROFILES : undefined;
}

/** One session as it is collected: per action its index, data type index, time and cost. */
export class SessionTrack {
  readonly actions: number[] = [];
  readonly dataTypes: number[] = [];
  readonly timestamps: number[] = [];
  readonly costs: number[] = [];

  constructor(
    readonly userId: string,
    public lastMs: number,
  ) {}

  push(action: number, dataType: number, timestamp: number, cost: number, keep = Infinity): void {
    this.actions.push(action);
    this.dataTypes.push(dataType);
    this.timestamps.push(timestamp);
    this.costs.push(cost);
    if (this.actions.length > keep) {
      for (const a of [this.actions, this.dataTypes, this.timestamps, this.costs]) a.shift();
    }
    this.lastMs = Math.max(this.lastMs, timestamp);
  }

  /** The LSTM's view of the session, with the user's profile slot when known. */
  toLstm(profile: number | undefined): LstmSession {
    return {
      actions: Uint8Array.from(this.actions),
      dataTypes: Int32Array.from(this.dataTypes),
      timestamps: Float64Array.from(this.timestamps),
      complexity: Float32Array.from(this.costs),
      ...(profile !== undefined ? { profile } : {}),
    };
  }
}
