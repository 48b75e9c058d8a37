/**
 * One user interaction, as stored. This is the shared vocabulary between the exporter (ingest, store,
 * importers) and the models (profiles, complexity, next action). Validation lives in the exporter's
 * zod schema; here it is only a type.
 */
export interface BehaviourEvent {
  readonly userId: string;
  /** Given by the client, or cut by the store after `sessionGapMinutes` of inactivity. */
  readonly sessionId: string;
  /** Milliseconds since the Unix epoch. */
  readonly timestamp: number;
  /** The feature or operation, e.g. "search", "/images/logo.gif" → "images", "checkout". */
  readonly action: string;
  readonly dataType?: string;
  readonly durationMs?: number;
  /** HTTP-like status; >= 400 counts as an error. */
  readonly status?: number;
  readonly error?: boolean;
  readonly bytes?: number;
  /** Measured cost of the action (e.g. CPU milliseconds), when the client knows it. */
  readonly cost?: number;
  /** The load-balancer backend that served the request (HAProxy's %b), when known: a pool can select by it. */
  readonly backend?: string;
}

/** Profile attributes that may come with a user (POST /v1/users). */
export interface UserAttributes {
  readonly userId: string;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

/** Inactivity after which a new session starts when the client gives no session id. */
export const DEFAULT_SESSION_GAP_MINUTES = 30;
