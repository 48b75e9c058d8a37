import { BIGINT, BOOLEAN, DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import type { IncomingEvent } from './types';

/** Column types of `events`, in EVENT_COLUMNS order. */
export const EVENT_TYPES: readonly DuckDBType[] = [VARCHAR, VARCHAR, BIGINT, VARCHAR, VARCHAR, DOUBLE, INTEGER, BOOLEAN, BIGINT, DOUBLE];

/** DuckDB's vector size: the most rows one data chunk holds. */
export const CHUNK_ROWS = 2048;

/**
 * Column-wise data chunks for the appender (at most CHUNK_ROWS rows each). `error` is stored as
 * given, else derived from `status >= 400`.
 */
export function* eventChunks(events: readonly IncomingEvent[], sessionIds: readonly string[]): Generator<DuckDBDataChunk> {
  for (let start = 0; start < events.length; start += CHUNK_ROWS) {
    const end = Math.min(events.length, start + CHUNK_ROWS);
    const n = end - start;
    const cols = EVENT_TYPES.map(() => new Array<string | number | bigint | boolean | null>(n));
    for (let i = 0; i < n; i++) {
      const e = events[start + i]!;
      cols[0]![i] = e.userId;
      cols[1]![i] = sessionIds[start + i]!;
      cols[2]![i] = BigInt(Math.round(e.timestamp));
      cols[3]![i] = e.action;
      cols[4]![i] = e.dataType ?? null;
      cols[5]![i] = e.durationMs ?? null;
      cols[6]![i] = e.status ?? null;
      cols[7]![i] = e.error ?? (e.status !== undefined && e.status >= 400);
      cols[8]![i] = e.bytes === undefined ? null : BigInt(Math.round(e.bytes));
      cols[9]![i] = e.cost ?? null;
    }
    const chunk = DuckDBDataChunk.create(EVENT_TYPES, n);
    for (let c = 0; c < cols.length; c++) chunk.setColumnValues(c, cols[c]!);
    yield chunk;
  }
}
