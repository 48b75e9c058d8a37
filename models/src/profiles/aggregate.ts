import type { BehaviourEvent } from '../events';
import { DEFAULT_SESSION_GAP_MINUTES } from '../events';
import { bigramKey, type UserAggregate } from './types';

export interface AggregateOptions {
  /** Cap on the time inferred from the gap to the next event (default: the session gap, 30 min). */
  readonly maxGapMs?: number;
  /** Shift applied to UTC before taking the hour of day, in minutes (e.g. -240 for EDT). */
  readonly hourOffsetMinutes?: number;
}

/** An event counts as an error when flagged, or when its status is 400 or more. */
export function isErrorEvent(e: Pick<BehaviourEvent, 'error' | 'status'>): boolean {
  return e.error === true || (e.status !== undefined && e.status >= 400);
}

interface Mutable {
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

function add(rec: Record<string, number>, key: string, v: number): void {
  rec[key] = (rec[key] ?? 0) + v;
}

/**
 * Per-user aggregates from an event stream, with exactly the definitions the store's SQL uses
 * (see `UserAggregate`). Events may come in any order; each session is ordered by timestamp.
 */
export function aggregateEvents(events: Iterable<BehaviourEvent>, options: AggregateOptions = {}): UserAggregate[] {
  const maxGapMs = options.maxGapMs ?? DEFAULT_SESSION_GAP_MINUTES * 60_000;
  const offsetMs = (options.hourOffsetMinutes ?? 0) * 60_000;
  const sessions = new Map<string, Map<string, BehaviourEvent[]>>();
  for (const e of events) {
    let byUser = sessions.get(e.userId);
    if (!byUser) sessions.set(e.userId, (byUser = new Map()));
    const list = byUser.get(e.sessionId);
    if (list) list.push(e);
    else byUser.set(e.sessionId, [e]);
  }
  const out: UserAggregate[] = [];
  for (const [userId, byUser] of sessions) {
    const u: Mutable = { userId, events: 0, sessions: byUser.size, errors: 0, bytes: 0, actions: {}, actionMs: {}, dataTypes: {}, bigrams: {}, hours: new Array<number>(24).fill(0) };
    for (const list of byUser.values()) {
      list.sort((a, b) => a.timestamp - b.timestamp);
      list.forEach((e, i) => {
        const next = list[i + 1];
        u.events += 1;
        if (isErrorEvent(e)) u.errors += 1;
        u.bytes += e.bytes ?? 0;
        add(u.actions, e.action, 1);
        const spent = e.durationMs !== undefined && e.durationMs > 0 ? e.durationMs : next ? Math.min(next.timestamp - e.timestamp, maxGapMs) : 0;
        add(u.actionMs, e.action, spent);
        if (e.dataType !== undefined && e.dataType !== '') add(u.dataTypes, e.dataType, 1);
        if (next) add(u.bigrams, bigramKey(e.action, next.action), 1);
        const hour = Math.floor((((e.timestamp + offsetMs) % 86_400_000) + 86_400_000) % 86_400_000 / 3_600_000);
        u.hours[hour] += 1;
      });
    }
    out.push(u);
  }
  return out;
}
