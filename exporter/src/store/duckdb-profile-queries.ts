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
 * consecutive actions within a session ordered by ts_ms then insertion order. Long-form rows:
 * kind u = user totals, a = action, t = data type, b = bigram, h = hour of day.
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
)
SELECT user_id, 'u' AS kind, NULL AS key, count(*)::DOUBLE AS n, count(DISTINCT session_id)::DOUBLE AS x,
       sum(error::INTEGER)::DOUBLE AS y, sum(bytes)::DOUBLE AS z FROM ev GROUP BY user_id
UNION ALL
SELECT user_id, 'a', action, count(*)::DOUBLE, sum(spent)::DOUBLE, NULL, NULL FROM ev GROUP BY user_id, action
UNION ALL
SELECT user_id, 't', data_type, count(*)::DOUBLE, NULL, NULL, NULL FROM ev
  WHERE data_type IS NOT NULL AND data_type <> '' GROUP BY user_id, data_type
UNION ALL
SELECT user_id, 'b', action || '${BIGRAM_SEPARATOR}' || next_action, count(*)::DOUBLE, NULL, NULL, NULL FROM ev
  WHERE next_action IS NOT NULL GROUP BY user_id, action, next_action
UNION ALL
SELECT user_id, 'h', hour::VARCHAR, count(*)::DOUBLE, NULL, NULL, NULL FROM ev GROUP BY user_id, hour`;
}

interface Building {
  userId: string;
  events: number;
  sessions: number;
  errors: number;
  bytes: number;
  actions: Record<string, number>;
  actionMs: Record<string, number>;
  dataTypes: Record<string, number>;
  bigrams: Record<string, number>;
  hours: number[];
}

/** Runs the aggregation and assembles one UserAggregate per user (in no particular order). */
export async function queryUserAggregates(db: SqlRowStream, q: AggregateQuery): Promise<UserAggregate[]> {
  if (!(q.maxGapMs > 0)) throw new Error(`maxGapMs must be > 0, got ${q.maxGapMs}`);
  const params: Array<bigint | string> = [BigInt(Math.round(q.maxGapMs)), BigInt(Math.round((q.hourOffsetMinutes ?? 0) * 60_000))];
  if (q.userId !== undefined) params.push(q.userId);
  const users = new Map<string, Building>();
  const get = (id: string): Building => {
    let u = users.get(id);
    if (!u) users.set(id, (u = { userId: id, events: 0, sessions: 0, errors: 0, bytes: 0, actions: {}, actionMs: {}, dataTypes: {}, bigrams: {}, hours: new Array<number>(24).fill(0) }));
    return u;
  };
  for await (const rows of db.streamRows(aggregateSql(q.userId !== undefined), params, 8192)) {
    for (const r of rows) {
      const u = get(r.user_id as string);
      const key = r.key as string;
      const n = r.n as number;
      switch (r.kind) {
        case 'u':
          u.events = n;
          u.sessions = r.x as number;
          u.errors = r.y as number;
          u.bytes = r.z as number;
          break;
        case 'a':
          u.actions[key] = n;
          u.actionMs[key] = r.x as number;
          break;
        case 't':
          u.dataTypes[key] = n;
          break;
        case 'b':
          u.bigrams[key] = n;
          break;
        case 'h':
          u.hours[Number(key)] = n;
          break;
      }
    }
  }
  return [...users.values()];
}
