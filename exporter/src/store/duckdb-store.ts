import { statSync } from 'node:fs';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { BehaviourEvent, LoadFilter, ServesField, UserAttributes } from '@shadowfleet/models';
import { DEFAULT_SESSION_GAP_MINUTES } from '@shadowfleet/models';
import { eventChunks } from './chunks';
import { GroupCommitQueue } from './group-commit';
import { denseSteps, FIELD_COLUMN, filterParam, filterSql, loadPerStepSql, type StepQuery } from './load-per-step';
import { eventQuerySql, rowToEvent } from './rows';
import { AUTO_SESSION_PREFIX, CREATE_TABLES_SQL } from './schema';
import { SessionCutter } from './sessions';
import type { EventQuery, EventStore, IncomingEvent, StoreStats, StoredUser } from './types';

export interface DuckDbStoreOptions {
  /** Database file, or ':memory:'. */
  readonly path: string;
  readonly sessionGapMinutes?: number;
  /** Events older than this many days are pruned; 0 keeps everything. */
  readonly retentionDays?: number;
  /** Most events committed in one transaction when batches queue up. */
  readonly maxGroupEvents?: number;
  readonly now?: () => number;
}

type Param = DuckDBValue;

/** How long `close` waits for streams still being read before it closes their connections. */
const STREAM_CLOSE_WAIT_MS = 5_000;

/**
 * The embedded store: DuckDB, one writer connection fed by a group-commit queue (appender with data
 * chunks inside one transaction per group), one reader connection for whole-result queries and one
 * connection per streamed read. DuckDB writes every commit to
 * its write-ahead log and fsyncs it before COMMIT returns, so an appended batch is durable when
 * `append` resolves; the WAL is replayed on the next open (checkpoints fold it into the file).
 */
export class DuckDbEventStore implements EventStore {
  private readonly queue: GroupCommitQueue<IncomingEvent>;
  private appender: DuckDBAppender | undefined;
  private closed = false;
  /** Connections of the streams being read (each stream has its own; see `streamRows`). */
  private readonly streams = new Set<DuckDBConnection>();
  private streamsClosed: (() => void) | undefined;
  /** Whole-result reads in flight: `close` waits for them (closing DuckDB under a running query crashes the process). */
  private readonly reads = new Set<Promise<void>>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private readonly cutter: SessionCutter,
    private readonly options: DuckDbStoreOptions,
  ) {
    this.queue = new GroupCommitQueue((events) => this.commitEvents(events), options.maxGroupEvents);
  }

  static async open(options: DuckDbStoreOptions): Promise<DuckDbEventStore> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(options.path);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/lock/i.test(msg)) {
        throw new Error(
          `the store ${options.path} is in use by another process (DuckDB allows one writer): stop that process, or send the data to the running exporter's API (shadowfleet import --url …). DuckDB said: ${msg}`,
        );
      }
      throw new Error(`cannot open the store ${options.path}: ${msg}`);
    }
    const writer = await instance.connect();
    await writer.run(CREATE_TABLES_SQL);
    await writer.run('CREATE TEMP TABLE users_staging (user_id VARCHAR, attributes VARCHAR)');
    const reader = await instance.connect();
    const cutter = new SessionCutter((options.sessionGapMinutes ?? DEFAULT_SESSION_GAP_MINUTES) * 60_000);
    const open = await reader.runAndReadAll(
      `SELECT user_id, arg_max(session_id, ts_ms) AS session_id, max(ts_ms)::DOUBLE AS last_ms
       FROM events WHERE starts_with(session_id, '${AUTO_SESSION_PREFIX}') GROUP BY user_id`,
    );
    for (const r of open.getRowObjectsJS()) cutter.restore(r.user_id as string, r.session_id as string, r.last_ms as number);
    return new DuckDbEventStore(instance, writer, reader, cutter, options);
  }

  get pendingEvents(): number {
    return this.queue.pendingEvents;
  }

  async append(events: readonly IncomingEvent[]): Promise<{ stored: number }> {
    this.assertOpen();
    if (events.length === 0) return { stored: 0 };
    await this.queue.appendEvents(events);
    return { stored: events.length };
  }

  private async commitEvents(events: readonly IncomingEvent[]): Promise<void> {
    const plan = this.cutter.plan(events);
    this.appender ??= await this.writer.createAppender('events');
    await this.writer.run('BEGIN TRANSACTION');
    try {
      for (const chunk of eventChunks(events, plan.sessionIds)) this.appender.appendDataChunk(chunk);
      this.appender.flushSync();
      await this.writer.run('COMMIT');
    } catch (err) {
      this.dropAppender();
      await this.writer.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
    plan.commit();
  }

  private dropAppender(): void {
    try {
      this.appender?.closeSync();
    } catch {
      // the appender is being discarded after a failure; its own error is the one reported
    }
    this.appender = undefined;
  }

  async upsertUsers(users: readonly UserAttributes[]): Promise<{ stored: number }> {
    this.assertOpen();
    const last = new Map<string, UserAttributes>();
    for (const u of users) last.set(u.userId, u);
    if (last.size === 0) return { stored: 0 };
    const nowMs = (this.options.now ?? Date.now)();
    await this.queue.exclusive(async () => {
      const staging = await this.writer.createAppender('users_staging');
      try {
        for (const u of last.values()) {
          staging.appendVarchar(u.userId);
          staging.appendVarchar(JSON.stringify(u.attributes));
          staging.endRow();
        }
        staging.flushSync();
      } finally {
        staging.closeSync();
      }
      try {
        await this.writer.run(
          `INSERT OR REPLACE INTO users SELECT user_id, attributes::JSON, make_timestamp(${Math.round(nowMs)}::BIGINT * 1000) FROM users_staging`,
        );
      } finally {
        await this.writer.run('DELETE FROM users_staging');
      }
    });
    return { stored: last.size };
  }

  async stats(): Promise<StoreStats> {
    this.assertOpen();
    const row = (await this.query('SELECT (SELECT count(*) FROM events)::DOUBLE AS events, (SELECT count(*) FROM users)::DOUBLE AS users'))[0]!;
    return { events: row.events as number, users: row.users as number, bytes: this.fileBytes() };
  }

  private fileBytes(): number {
    if (this.options.path === ':memory:') return 0;
    let total = 0;
    for (const f of [this.options.path, `${this.options.path}.wal`]) {
      try {
        total += statSync(f).size;
      } catch {
        // no WAL right after a checkpoint
      }
    }
    return total;
  }

  async prune(nowMs: number): Promise<number> {
    const days = this.options.retentionDays ?? 0;
    if (days <= 0) return 0;
    const cutoff = BigInt(Math.floor(nowMs - days * 86_400_000));
    return this.queue.exclusive(async () => {
      const r = await this.writer.run('DELETE FROM events WHERE ts_ms < $1', [cutoff]);
      return r.rowsChanged;
    });
  }

  async *iterateEvents(query: EventQuery = {}): AsyncIterable<BehaviourEvent[]> {
    const { sql, params } = eventQuerySql(query);
    for await (const rows of this.streamRows(sql, params, query.chunkRows)) yield rows.map(rowToEvent);
  }

  /**
   * Runs a read-only query and streams its rows as plain JS objects, chunk by chunk. For SQL in this folder.
   * Each stream has a connection of its own: DuckDB ends a connection's streaming result, silently and
   * without an error, when another query runs on that connection, so a shared reader would hand a
   * profile rebuild or a model's training a truncated history whenever a scrape or a decision queried
   * meanwhile.
   */
  async *streamRows(sql: string, params: readonly Param[] = [], chunkRows = 2048): AsyncIterable<Record<string, unknown>[]> {
    this.assertOpen();
    const connection = await this.instance.connect();
    this.streams.add(connection);
    try {
      const result = await connection.stream(sql, [...params]);
      let buffer: Record<string, unknown>[] = [];
      for await (const rows of result.yieldRowObjectJs()) {
        buffer = buffer.concat(rows);
        if (buffer.length >= chunkRows) {
          yield buffer;
          buffer = [];
        }
      }
      if (buffer.length > 0) yield buffer;
    } finally {
      if (this.streams.delete(connection)) connection.closeSync();
      this.streamsClosed?.();
    }
  }

  /** Runs a read-only query and returns every row as a plain JS object. For small results (aggregates). */
  async query(sql: string, params: readonly Param[] = []): Promise<Record<string, unknown>[]> {
    this.assertOpen();
    const read = this.reader.runAndReadAll(sql, [...params]).then((r) => r.getRowObjectsJS());
    const tracked = read.then(
      () => undefined,
      () => undefined,
    );
    this.reads.add(tracked);
    void tracked.then(() => this.reads.delete(tracked));
    return read;
  }

  async requestsByUser(fromMs: number, toMs: number, filter?: LoadFilter): Promise<Map<string, number>> {
    const params: Param[] = [BigInt(Math.floor(fromMs)), BigInt(Math.floor(toMs))];
    if (filter) params.push(filterParam(filter));
    const rows = await this.query(`SELECT user_id, count(*)::DOUBLE AS n FROM events WHERE ts_ms >= $1 AND ts_ms < $2${filter ? filterSql(filter, 3) : ''} GROUP BY user_id`, params);
    return new Map(rows.map((r) => [r.user_id as string, r.n as number]));
  }

  async valuesSeen(field: ServesField, values: readonly string[], fromMs: number, toMs: number): Promise<Set<string>> {
    const column = FIELD_COLUMN[field];
    const sql = `SELECT DISTINCT ${column} AS v FROM events WHERE ts_ms >= $1 AND ts_ms < $2 AND list_contains($3, ${column})`;
    const rows = await this.query(sql, [BigInt(Math.floor(fromMs)), BigInt(Math.floor(toMs)), filterParam({ field, values, exclude: false })]);
    return new Set(rows.map((r) => r.v as string));
  }

  async loadPerStep(q: StepQuery): Promise<number[]> {
    const { sql, params } = loadPerStepSql(q);
    return denseSteps(q, await this.query(sql, params));
  }

  async userEvents(userId: string, sessionId?: string): Promise<BehaviourEvent[]> {
    const { sql, params } = eventQuerySql({ userId, sessionId, order: 'user' });
    return (await this.query(sql, params)).map(rowToEvent);
  }

  async getUser(userId: string): Promise<StoredUser | undefined> {
    const rows = await this.query(
      'SELECT user_id, attributes::VARCHAR AS attributes, epoch_ms(updated_at)::DOUBLE AS updated_at FROM users WHERE user_id = $1',
      [userId],
    );
    const r = rows[0];
    if (!r) return undefined;
    return { userId: r.user_id as string, attributes: JSON.parse(r.attributes as string), updatedAt: r.updated_at as number };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.exclusive(async () => undefined);
    this.closed = true;
    await Promise.all([...this.reads]);
    await this.streamsEnded(STREAM_CLOSE_WAIT_MS);
    for (const connection of [...this.streams]) {
      this.streams.delete(connection);
      connection.closeSync();
    }
    this.dropAppender();
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }

  /** Waits until every open stream has been read to its end or dropped by its reader, at most `ms`. */
  private async streamsEnded(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.streams.size > 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.streamsClosed = () => (clearTimeout(timer), resolve());
      });
    }
    this.streamsClosed = undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}

