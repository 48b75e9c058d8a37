import type { BehaviourEvent } from '@shadowfleet/models';
import type { EventQuery } from './types';

/** SELECT list that reads `events` back as JS numbers (BIGINTs cast to DOUBLE: exact below 2^53). */
export const EVENT_SELECT =
  'user_id, session_id, ts_ms::DOUBLE AS ts_ms, action, data_type, duration_ms, status, error, bytes::DOUBLE AS bytes, cost, backend';

type Row = Record<string, unknown>;

/** One `events` row as a BehaviourEvent (absent optional fields are left out, not null). */
export function rowToEvent(r: Row): BehaviourEvent {
  const e: { -readonly [K in keyof BehaviourEvent]: BehaviourEvent[K] } = {
    userId: r.user_id as string,
    sessionId: r.session_id as string,
    timestamp: r.ts_ms as number,
    action: r.action as string,
    error: r.error as boolean,
  };
  if (r.data_type !== null) e.dataType = r.data_type as string;
  if (r.duration_ms !== null) e.durationMs = r.duration_ms as number;
  if (r.status !== null) e.status = r.status as number;
  if (r.bytes !== null) e.bytes = r.bytes as number;
  if (r.cost !== null) e.cost = r.cost as number;
  if (r.backend !== null && r.backend !== undefined) e.backend = r.backend as string;
  return e;
}

/** WHERE/ORDER BY for an EventQuery, with positional parameters. */
export function eventQuerySql(q: EventQuery): { sql: string; params: Array<string | number | bigint> } {
  const where: string[] = [];
  const params: Array<string | number | bigint> = [];
  if (q.fromMs !== undefined) {
    params.push(BigInt(Math.ceil(q.fromMs)));
    where.push(`ts_ms >= $${params.length}`);
  }
  if (q.toMs !== undefined) {
    params.push(BigInt(Math.ceil(q.toMs)));
    where.push(`ts_ms < $${params.length}`);
  }
  if (q.userId !== undefined) {
    params.push(q.userId);
    where.push(`user_id = $${params.length}`);
  }
  if (q.sessionId !== undefined) {
    params.push(q.sessionId);
    where.push(`session_id = $${params.length}`);
  }
  const order = q.order === 'user' ? 'user_id, session_id, ts_ms' : 'ts_ms, user_id';
  const sql = `SELECT ${EVENT_SELECT} FROM events${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}`;
  return { sql, params };
}
