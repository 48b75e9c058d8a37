import duckdb from '@duckdb/node-bindings';
import { BIGINT, BOOLEAN, DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import { BigIntColumn, BooleanColumn, DoubleColumn, IntegerColumn, VarcharColumn, type ColumnBuilder } from './columns';
import type { IncomingEvent } from './types';

/** Column types of `events`, in EVENT_COLUMNS order. */
export const EVENT_TYPES: readonly DuckDBType[] = [VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, DOUBLE, INTEGER, BOOLEAN, BIGINT, DOUBLE, VARCHAR];

/** DuckDB's vector size: the most rows one data chunk holds. */
export const CHUNK_ROWS = 2048;

/**
 * Column-wise data chunks for the appender (at most CHUNK_ROWS rows each), filled through the column
 * builders of ./columns.ts (a few native calls per column, not one per value). `error` is stored as
 * given, else derived from `status >= 400`.
 */
export function* eventChunks(events: readonly IncomingEvent[], sessionIds: readonly string[]): Generator<DuckDBDataChunk> {
  for (let start = 0; start < events.length; start += CHUNK_ROWS) {
    const n = Math.min(events.length, start + CHUNK_ROWS) - start;
    const user = new VarcharColumn(n);
    const session = new VarcharColumn(n);
    const ts = new BigIntColumn(n, 'timestamp');
    const action = new VarcharColumn(n);
    const dataType = new VarcharColumn(n);
    const duration = new DoubleColumn(n);
    const status = new IntegerColumn(n);
    const error = new BooleanColumn(n);
    const bytes = new BigIntColumn(n, 'bytes');
    const cost = new DoubleColumn(n);
    const backend = new VarcharColumn(n);
    for (let i = 0; i < n; i++) {
      const e = events[start + i]!;
      user.set(i, e.userId);
      session.set(i, sessionIds[start + i]);
      ts.set(i, e.timestamp);
      action.set(i, e.action);
      dataType.set(i, e.dataType);
      duration.set(i, e.durationMs);
      status.set(i, e.status);
      error.set(i, e.error ?? (e.status !== undefined && e.status >= 400));
      bytes.set(i, e.bytes);
      cost.set(i, e.cost);
      backend.set(i, e.backend);
    }
    const chunk = DuckDBDataChunk.create(EVENT_TYPES, n);
    const columns: ReadonlyArray<ColumnBuilder<never>> = [user, session, ts, action, dataType, duration, status, error, bytes, cost, backend];
    columns.forEach((column, c) => column.flush(duckdb.data_chunk_get_vector(chunk.chunk, c)));
    yield chunk;
  }
}
