import type { BehaviourEvent, LoadFilter, ServesField, UserAttributes } from '@shadowfleet/models';
import type { StepQuery } from './load-per-step';

/** An event as it arrives: the session id is optional (the store cuts sessions when it is missing). */
export type IncomingEvent = Omit<BehaviourEvent, 'sessionId'> & { readonly sessionId?: string };

/** A user with profile attributes and when they were last written. */
export interface StoredUser extends UserAttributes {
  readonly updatedAt: number;
}

export interface StoreStats {
  /** Events stored (committed). */
  readonly events: number;
  /** Distinct users with attributes (`users` table). */
  readonly users: number;
  /** Bytes on disk (database file + write-ahead log); 0 for an in-memory store. */
  readonly bytes: number;
}

/** Which events to read. Times are epoch milliseconds, `fromMs` inclusive, `toMs` exclusive. */
export interface EventQuery {
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly userId?: string;
  readonly sessionId?: string;
  /** `time` (default): by timestamp; `user`: by user, session, timestamp (what per-user models want). */
  readonly order?: 'time' | 'user';
  /** Rows per yielded array (default 2,048). */
  readonly chunkRows?: number;
}

/**
 * The event store behind the exporter. One small interface so that a server database can be added
 * later; the DuckDB implementation lives in ./duckdb-store.ts.
 */
export interface EventStore {
  /**
   * Appends a validated batch. When the promise resolves the batch is committed and durable (it
   * survives `kill -9`); when it rejects nothing of it is stored. Missing session ids are cut here.
   */
  append(events: readonly IncomingEvent[]): Promise<{ readonly stored: number }>;
  /** Inserts or replaces users' attributes (last one wins within a call). Durable when resolved. */
  upsertUsers(users: readonly UserAttributes[]): Promise<{ readonly stored: number }>;
  /** Events accepted by `append` but not yet committed (for back-pressure). */
  readonly pendingEvents: number;
  stats(): Promise<StoreStats>;
  /** Deletes events older than the retention window; returns how many were deleted. */
  prune(nowMs: number): Promise<number>;
  /** Streams events in chunks, without loading them all into memory. */
  iterateEvents(query?: EventQuery): AsyncIterable<BehaviourEvent[]>;
  /** Events per user in [fromMs, toMs) (of one pool with `filter`), counted by the store (the observed profile mix is folded from it). */
  requestsByUser(fromMs: number, toMs: number, filter?: LoadFilter): Promise<Map<string, number>>;
  /** Which of `values` the events' `field` took in [fromMs, toMs) (a pool selector's values that match traffic). */
  valuesSeen(field: ServesField, values: readonly string[], fromMs: number, toMs: number): Promise<Set<string>>;
  /** Load per step in a complexity unit (count or sum), aggregated by the store; steps without events are 0. */
  loadPerStep(query: StepQuery): Promise<number[]>;
  /** All events of one user (optionally one session), by session then time. */
  userEvents(userId: string, sessionId?: string): Promise<BehaviourEvent[]>;
  getUser(userId: string): Promise<StoredUser | undefined>;
  close(): Promise<void>;
}
