/**
 * The store's tables. Keep this stable: the profiles and models read it with SQL. Column order here is
 * the appender's column order.
 *
 * - `ts_ms`: event time, epoch milliseconds (UTC).
 * - `session_id`: the client's, or `auto-<start ms>` when the store cut the session (see sessions.ts).
 * - `error`: true when the client said so or `status >= 400`.
 * - `backend`: the load-balancer backend that served the request (HAProxy's %b), when known.
 */
export const EVENT_COLUMNS = [
  'user_id',
  'session_id',
  'ts_ms',
  'action',
  'data_type',
  'duration_ms',
  'status',
  'error',
  'bytes',
  'cost',
  'backend',
] as const;

export const CREATE_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS events (
  user_id VARCHAR NOT NULL,
  session_id VARCHAR NOT NULL,
  ts_ms BIGINT NOT NULL,
  action VARCHAR NOT NULL,
  data_type VARCHAR,
  duration_ms DOUBLE,
  status INTEGER,
  error BOOLEAN NOT NULL,
  bytes BIGINT,
  cost DOUBLE,
  backend VARCHAR
);
-- Stores written before the backend column get it, last, as the appender's column order expects.
ALTER TABLE events ADD COLUMN IF NOT EXISTS backend VARCHAR;
CREATE TABLE IF NOT EXISTS users (
  user_id VARCHAR PRIMARY KEY,
  attributes JSON NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
`;

/** Prefix of session ids the store generated; the rest of the id is the session's first event time. */
export const AUTO_SESSION_PREFIX = 'auto-';
