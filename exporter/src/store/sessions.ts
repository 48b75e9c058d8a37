import { AUTO_SESSION_PREFIX } from './schema';

interface OpenSession {
  readonly id: string;
  readonly startMs: number;
  readonly lastMs: number;
}

/** An event as far as session cutting cares. */
export interface SessionInput {
  readonly userId: string;
  readonly timestamp: number;
  readonly sessionId?: string;
}

/** Session ids planned for a batch; `commit()` makes them the cutter's state once the batch is stored. */
export interface SessionPlan {
  readonly sessionIds: string[];
  commit(): void;
}

/**
 * Cuts sessions for events that come without a session id: per user, a new session starts when an
 * event is more than `gapMs` after the user's last event (default 30 minutes). The state lives here,
 * is restored from the store on open, and is updated only after a batch commits, so cutting is the
 * same whether events arrive in one batch or many. Arrival order is what counts: an event that
 * arrives late but lies within the gap of the open session joins it; one that lies further back
 * starts a session of its own (and leaves the open session as it is).
 * Generated ids are `auto-<first event ms>`, unique per user.
 */
export class SessionCutter {
  private readonly open = new Map<string, OpenSession>();

  constructor(private readonly gapMs: number) {
    if (!(gapMs > 0)) throw new Error(`session gap must be > 0 ms, got ${gapMs}`);
  }

  /** Restores one user's open session (from the store, on open). */
  restore(userId: string, sessionId: string, lastMs: number): void {
    const startMs = Number(sessionId.slice(AUTO_SESSION_PREFIX.length));
    this.open.set(userId, { id: sessionId, startMs: Number.isFinite(startMs) ? startMs : lastMs, lastMs });
  }

  get users(): number {
    return this.open.size;
  }

  plan(events: readonly SessionInput[]): SessionPlan {
    const staged = new Map<string, OpenSession>();
    const sessionIds = new Array<string>(events.length);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      if (e.sessionId !== undefined) {
        sessionIds[i] = e.sessionId;
        continue;
      }
      const current = staged.get(e.userId) ?? this.open.get(e.userId);
      const ts = e.timestamp;
      if (current && ts <= current.lastMs + this.gapMs && ts >= current.startMs - this.gapMs) {
        sessionIds[i] = current.id;
        if (ts > current.lastMs || ts < current.startMs) {
          staged.set(e.userId, { id: current.id, startMs: current.startMs, lastMs: Math.max(current.lastMs, ts) });
        }
      } else if (current && ts < current.startMs) {
        sessionIds[i] = AUTO_SESSION_PREFIX + String(ts);
      } else {
        const next = { id: AUTO_SESSION_PREFIX + String(ts), startMs: ts, lastMs: ts };
        staged.set(e.userId, next);
        sessionIds[i] = next.id;
      }
    }
    return {
      sessionIds,
      commit: () => {
        for (const [user, s] of staged) this.open.set(user, s);
      },
    };
  }
}
