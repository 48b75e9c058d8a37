import { BIGRAM_SEPARATOR, type UserAggregate } from '@shadowfleet/models';

/** The part of DuckDbEventStore this needs: read-only SQL streamed in chunks. */
export interface SqlRowStream {
  streamRows(sql: string, params?: readonly (string | number | bigint)[], chunkRows?: number): AsyncIterable<Record<string, unknown>[]>;
}

export interface AggregateQuery {
  /** Cap on the time inferred from the gap to the next event (the session gap). */
  readonly maxGapMs: number;
  /** Shift from UTC before taking the hour of day, minutes. */
  readonly hourOffsetMinutes?: number;
  /** Only this user (for a single profile lookup). */
  readonly userId?: string;
}

/**
 * Per-user aggregates for profiles in one pass over `events`, with exactly the definitions of
 * `aggregateEvents` in @shadowfleet/models (a test holds the two equal): time spent = duration_ms
 * when > 0, else the gap to the next event of the session capped at maxGapMs, else 0; transitions are
 * consecutive actions within a session ordered by ts_ms then insertion order. One row per user, as
 * one JSON text: converting a single VARCHAR per row out of DuckDB and JSON.parse-ing it is several
 * times faster than converting row objects with list columns.
 */
function aggregateSql(userFilter: boolean): string {
  const where = userFilter ? 'WHERE user_id = $3' : '';
  return `
WITH ev AS MATERIALIZED (
  SELECT user_id, session_id, action, data_type, error, coalesce(bytes, 0)::DOUBLE AS bytes,
    CASE WHEN duration_ms > 0 THEN duration_ms
         WHEN lead(ts_ms) OVER w IS NULL THEN 0
         ELSE least(lead(ts_ms) OVER w - ts_ms, $1) END::DOUBLE AS spent,
    lead(action) OVER w AS next_action,
    ((((ts_ms + $2) % 86400000) + 86400000) % 86400000) // 3600000 AS hour
  FROM events ${where}
  WINDOW w AS (PARTITION BY user_id, session_id ORDER BY ts_ms, rowid)
),
u AS (SELECT user_id, count(*)::DOUBLE AS events, count(DISTINCT session_id)::DOUBLE AS sessions,
             sum(error::INTEGER)::DOUBLE AS errors, sum(bytes)::DOUBLE AS bytes FROM ev GROUP BY user_id),
a AS (SELECT user_id, list(action) AS ak, list(n) AS an, list(ms) AS am
      FROM (SELECT user_id, action, count(*)::DOUBLE AS n, sum(spent)::DOUBLE AS ms FROM ev GROUP BY user_id, action) GROUP BY user_id),
t AS (SELECT user_id, list(data_type) AS tk, list(n) AS tn
      FROM (SELECT user_id, data_type, count(*)::DOUBLE AS n FROM ev WHERE data_type IS NOT NULL AND data_type <> '' GROUP BY user_id, data_type) GROUP BY user_id),
b AS (SELECT user_id, list(k) AS bk, list(n) AS bn
      FROM (SELECT user_id, action || '${BIGRAM_SEPARATOR}' || next_action AS k, count(*)::DOUBLE AS n FROM ev WHERE next_action IS NOT NULL GROUP BY user_id, action, next_action) GROUP BY user_id),
h AS (SELECT user_id, list(hour::INTEGER) AS hk, list(n) AS hn
      FROM (SELECT user_id, hour, count(*)::DOUBLE AS n FROM ev GROUP BY user_id, hour) GROUP BY user_id)
SELECT to_json(x)::VARCHAR AS j FROM (
  SELECT * FROM u LEFT JOIN a USING (user_id) LEFT JOIN t USING (user_id) LEFT JOIN b USING (user_id) LEFT JOIN h USING (user_id)
  ORDER BY user_id
) x`;
}

interface Row {
  user_id: string;
  events: number;
  sessions: number;
  errors: number;
  bytes: number;
  ak: string[] | null;
  an: number[] | null;
  am: number[] | null;
  tk: string[] | null;
  tn: number[] | null;
  bk: string[] | null;
  bn: number[] | null;
  hk: number[] | null;
  hn: number[] | null;
}

function record(keys: readonly string[] | null, values: readonly number[] | null): Record<string, number> {
  const out: Record<string, number> = {};
  keys?.forEach((k, i) => (out[k] = values?.[i] ?? 0));
  return out;
}

function toAggregate(r: Row): UserAggregate {
  const hours = new Array<number>(24).fill(0);
  r.hk?.forEach((h, i) => (hours[h] = r.hn?.[i] ?? 0));
  return {
    userId: r.user_id,
    events: r.events,
    sessions: r.sessions,
    errors: r.errors,
    bytes: r.bytes,
    actions: record(r.ak, r.an),
    actionMs: record(r.ak, r.am),
    dataTypes: record(r.tk, r.tn),
    bigrams: record(r.bk, r.bn),
    hours,
  };
}

/** Runs the aggregation and streams one UserAggregate per user, ordered by user id, in chunks. */
export async function* streamUserAggregates(db: SqlRowStream, q: AggregateQuery, chunkUsers = 4096): AsyncGenerator<UserAggregate[]> {
  if (!(q.maxGapMs > 0)) throw new Error(`maxGapMs must be > 0, got ${q.maxGapMs}`);
  const params: Array<bigint | string> = [BigInt(Math.round(q.maxGapMs)), BigInt(Math.round((q.hourOffsetMinutes ?? 0) * 60_000))];
  if (q.userId !== undefined) params.push(q.userId);
  for await (const rows of db.streamRows(aggregateSql(q.userId !== undefined), params, chunkUsers)) {
    yield rows.map((r) => toAggregate(JSON.parse(r.j as string) as Row));
  }
}

/** All users' aggregates at once, ordered by user id. */
export async function queryUserAggregates(db: SqlRowStream, q: AggregateQuery): Promise<UserAggregate[]> {
  const out: UserAggregate[] = [];
  for await (const chunk of streamUserAggregates(db, q)) for (const u of chunk) out.push(u);
  return out;
}
