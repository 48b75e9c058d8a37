import { DuckDBInstance } from '@duckdb/node-api';
import { eventChunks } from './chunks';
import { EVENT_SELECT, rowToEvent } from './rows';
import { CREATE_TABLES_SQL } from './schema';
import type { IncomingEvent } from './types';

jest.setTimeout(30_000);

/** Appends events through eventChunks (the column builders) into a real in-memory DuckDB and runs `sql`. */
async function appendAndRead(events: readonly IncomingEvent[], sessionIds: readonly string[], sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(CREATE_TABLES_SQL);
    const appender = await con.createAppender('events');
    for (const chunk of eventChunks(events, sessionIds)) appender.appendDataChunk(chunk);
    appender.closeSync();
    return (await con.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

// Strings around the 12-byte inline limit, non-ASCII ones (inline by JS length, not by UTF-8 bytes), empty.
const STRINGS = ['', 'a', 'exactly12chr', 'thirteen_char', 'café', '日本語のユーザー', '🙂🙂🙂🙂🙂🙂', '/shuttle/missions/sts-73/mission-sts-73.html'];

describe('eventChunks (column builders)', () => {
  it('stores every value exactly: inline and long strings, repeats, nulls at mask-word edges, 64-bit integers, several chunks', async () => {
    const n = 5000; // three chunks of at most 2,048 rows
    const events: IncomingEvent[] = [];
    const sessions: string[] = [];
    for (let i = 0; i < n; i++) {
      const e: { -readonly [K in keyof IncomingEvent]: IncomingEvent[K] } = {
        userId: `${STRINGS[i % STRINGS.length]}#${i % 7}`,
        timestamp: 2 ** 41 + i,
        action: STRINGS[(i * 3) % STRINGS.length]!,
      };
      if (i % 64 !== 63 && i % 64 !== 0) e.dataType = STRINGS[i % 5];
      if (i % 3 === 0) e.durationMs = i / 7;
      if (i % 5 !== 0) e.status = 100 + (i % 500);
      if (i % 11 === 0) e.error = i % 2 === 0;
      if (i % 4 !== 1) e.bytes = i % 8 === 0 ? -(2 ** 33) - i : 2 ** 52 + i;
      if (i % 2 === 0) e.cost = -i * 0.5;
      events.push(e);
      sessions.push(`session-long-enough-${i % 13}`);
    }
    const back = (await appendAndRead(events, sessions, `SELECT ${EVENT_SELECT} FROM events ORDER BY ts_ms`)).map(rowToEvent);
    expect(back).toHaveLength(n);
    back.forEach((b, i) => {
      const e = events[i]!;
      expect(b).toEqual({ ...e, sessionId: sessions[i], error: e.error ?? (e.status !== undefined && e.status >= 400) });
    });
  });

  it('stores integers beyond 2^53 exactly as JS numbers hold them, and names the column of one out of range', async () => {
    const e = (bytes: number): IncomingEvent => ({ userId: 'u', timestamp: 1, action: 'a', bytes });
    const values = [2 ** 60, -(2 ** 62), 2 ** 63 - 2 ** 10];
    const back = await appendAndRead(values.map((b, i) => ({ ...e(b), timestamp: i })), ['s', 's', 's'], 'SELECT bytes::VARCHAR AS b FROM events ORDER BY ts_ms');
    expect(back.map((r) => r.b)).toEqual([String(2n ** 60n), String(-(2n ** 62n)), String(2n ** 63n - 2n ** 10n)]);
    expect(() => [...eventChunks([e(2 ** 63)], ['s'])]).toThrow('bytes must be a finite integer within ±2^63, got 9223372036854776000');
    expect(() => [...eventChunks([e(Number.NaN)], ['s'])]).toThrow('bytes must be a finite integer within ±2^63, got NaN');
  });
});
