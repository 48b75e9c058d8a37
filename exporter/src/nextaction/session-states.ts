import { IncrementalLstm, type LstmPredictor, type NextActionForecast, type SessionEvents } from '@shadowfleet/models';
import type * as TF from '@tensorflow/tfjs';
import type { SessionTrack } from './session-inputs';

/** Sessions whose LSTM state is kept by default (about 1.4 KB each with the service's network). */
export const DEFAULT_MAX_TRACKED_SESSIONS = 1_000_000;

interface Pending {
  readonly actions: number[];
  readonly dataTypes: number[];
  readonly timestamps: number[];
  /** The events begin a new session of the user: its old state goes first. */
  readonly restart: boolean;
}

/**
 * The live sessions' next-action forecasts from kept LSTM state (IncrementalLstm): events are collected
 * per user as they are read, and each cycle advances only the sessions that got new ones; ended
 * sessions are evicted. The states belong to one network: after a model swap they are rebuilt once from
 * the sessions' kept actions (their last KEEP_ACTIONS, as the full-window path reads them). Sessions
 * beyond `maxSessions` are not tracked: until they end, their forecast is the full-window one.
 */
export class SessionStates {
  private incremental: IncrementalLstm | undefined;
  private network: LstmPredictor['network'] | undefined;
  private pending = new Map<string, Pending>();
  /** Users whose session found the slab full; served by the full-window path until it ends. */
  private readonly overflow = new Set<string>();
  /** Sessions refused for lack of room since start. */
  refused = 0;

  constructor(readonly maxSessions = DEFAULT_MAX_TRACKED_SESSIONS) {
    if (!(Number.isInteger(maxSessions) && maxSessions >= 1)) throw new Error(`maxTrackedSessions must be an integer ≥ 1, got ${maxSessions}`);
  }

  get tracked(): number {
    return this.incremental?.size ?? 0;
  }

  /** Bytes of the kept states (the slab's typed arrays). */
  get bytes(): number {
    return this.incremental?.slab.bytes ?? 0;
  }

  get bytesPerSession(): number {
    return this.incremental?.slab.bytesPerSession ?? 0;
  }

  /** An event of a live session (indices already mapped to the LSTM's inputs). */
  observe(userId: string, action: number, dataType: number, timestamp: number, startsSession: boolean): void {
    let p = this.pending.get(userId);
    if (!p || startsSession) {
      p = { actions: [], dataTypes: [], timestamps: [], restart: startsSession || (p?.restart ?? false) };
      this.pending.set(userId, p);
    }
    p.actions.push(action);
    p.dataTypes.push(dataType);
    p.timestamps.push(timestamp);
  }

  /** A session ended: its state is freed. */
  ended(userId: string): void {
    this.incremental?.evict(userId);
    this.pending.delete(userId);
    this.overflow.delete(userId);
  }

  /** Forgets the collected events (no LSTM serves yet; states are built from the tracks when one does). */
  clearPending(): void {
    this.pending.clear();
  }

  /**
   * Advances the states by the events collected since the last call (or rebuilds them for a new
   * network) and returns each active session's forecast.
   */
  async update(tf: typeof TF, predictor: LstmPredictor, active: readonly SessionTrack[], profileOf: (userId: string) => number | undefined): Promise<(userId: string) => NextActionForecast | undefined> {
    let updates: SessionEvents[];
    if (this.network !== predictor.network || !this.incremental) {
      this.incremental?.dispose();
      this.incremental = new IncrementalLstm(tf, predictor.network, { maxSessions: this.maxSessions });
      this.network = predictor.network;
      this.overflow.clear();
      updates = active.map((s) => ({ id: s.userId, actions: s.actions, dataTypes: s.dataTypes, timestamps: s.timestamps, profile: profileOf(s.userId) }));
    } else {
      updates = [];
      for (const [id, p] of this.pending) {
        if (p.restart) {
          this.incremental.evict(id);
          this.overflow.delete(id);
        }
        if (!this.overflow.has(id)) updates.push({ id, actions: p.actions, dataTypes: p.dataTypes, timestamps: p.timestamps, profile: profileOf(id) });
      }
    }
    this.pending = new Map();
    const refused = this.incremental.advance(updates);
    this.refused += refused.length;
    for (const id of refused) this.overflow.add(id);
    const fallback = new Map<string, NextActionForecast>();
    const overflowing = active.filter((s) => this.overflow.has(s.userId));
    if (overflowing.length > 0) {
      const out = await predictor.forecast(overflowing.map((s) => s.toLstm(profileOf(s.userId))));
      overflowing.forEach((s, i) => fallback.set(s.userId, out[i]));
    }
    const incremental = this.incremental;
    return (userId) => incremental.forecast(userId) ?? fallback.get(userId);
  }

  dispose(): void {
    this.incremental?.dispose();
    this.incremental = undefined;
    this.network = undefined;
  }
}
