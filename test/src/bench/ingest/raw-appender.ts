import { DuckDBInstance } from '@duckdb/node-api';
import { CREATE_TABLES_SQL, eventChunks, type IncomingEvent } from '@shadowfleet/exporter';

/**
 * The same rows appended straight into a DuckDB file with the appender and data chunks (the store's
 * chunk builder, no HTTP, no validation, no session cutting), committing every `commitEvery` rows.
 * Returns events per second.
 */
export async function rawAppenderRate(file: string, events: readonly IncomingEvent[], commitEvery: number): Promise<number> {
  const instance = await DuckDBInstance.create(file);
  const con = await instance.connect();
  await con.run(CREATE_TABLES_SQL);
  const appender = await con.createAppender('events');
  const sessions = events.map((e) => e.sessionId ?? e.userId);
  const started = process.hrtime.bigint();
  for (let start = 0; start < events.length; start += commitEvery) {
    const end = Math.min(events.length, start + commitEvery);
    await con.run('BEGIN TRANSACTION');
    for (const chunk of eventChunks(events.slice(start, end), sessions.slice(start, end))) appender.appendDataChunk(chunk);
    appender.flushSync();
    await con.run('COMMIT');
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  appender.closeSync();
  con.closeSync();
  instance.closeSync();
  return events.length / seconds;
}
