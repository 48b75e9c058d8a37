// The event store: one small interface, the DuckDB implementation, and the table schema.
export type { EventStore, IncomingEvent, EventQuery, StoreStats, StoredUser } from './types';
export { DuckDbEventStore, type DuckDbStoreOptions } from './duckdb-store';
export { EVENT_COLUMNS, AUTO_SESSION_PREFIX } from './schema';
export { SessionCutter } from './sessions';
export { eventChunks, EVENT_TYPES, CHUNK_ROWS } from './chunks';
export { CREATE_TABLES_SQL } from './schema';
