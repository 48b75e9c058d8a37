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
    const chunk = DuckDBDataChunk.create(EVENT_TYPES, n);
    // Written straight into the chunk's vectors (no intermediate column arrays), then flushed.
    const v = EVENT_TYPES.map((_, c) => chunk.getColumnVector(c));
    for (let i = 0; i < n; i++) {
      const e = events[start + i]!;
      v[0]!.setItem(i, e.userId);
      v[1]!.setItem(i, sessionIds[start + i]!);
      v[2]!.setItem(i, BigInt(Math.round(e.timestamp)));
      v[3]!.setItem(i, e.action);
      v[4]!.setItem(i, e.dataType ?? null);
      v[5]!.setItem(i, e.durationMs ?? null);
      v[6]!.setItem(i, e.status ?? null);
      v[7]!.setItem(i, e.error ?? (e.status !== undefined && e.status >= 400));
      v[8]!.setItem(i, e.bytes === undefined ? null : BigInt(Math.round(e.bytes)));
      v[9]!.setItem(i, e.cost ?? null);
    }
    for (const vector of v) vector.flush();
    yield chunk;
  }
}
