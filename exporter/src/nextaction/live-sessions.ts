import type { BehaviourEvent } from '@shadowfleet/models';

/** Vocabulary of the service's LSTM: the first VOCAB-1 actions seen; every later one is "other". */
export const LSTM_VOCAB = 64;
/** Most recent actions kept per active user (the LSTM's window). */
export const KEEP_ACTIONS = 64;

/**
 * Recent action indices of each active user, and the top-1 predicted next action per user, to score the
 * live top-1 accuracy when the user's next event arrives.
 */
export class LiveSessions {
  private readonly recent = new Map<string, { actions: number[]; costs: number[]; lastMs: number }>();
  private readonly predicted = new Map<string, number>();
  hits = 0;
  scored = 0;

  constructor(private readonly gapMs: number) {}

  /** Adds an event (action already mapped to the LSTM vocabulary); scores the pending prediction. */
  observe(e: BehaviourEvent, action: number, cost: number): void {
    const p = this.predicted.get(e.userId);
    if (p !== undefined) {
      this.scored++;
      if (p === action) this.hits++;
      this.predicted.delete(e.userId);
    }
    let s = this.recent.get(e.userId);
    if (!s || e.timestamp - s.lastMs > this.gapMs) {
      s = { actions: [], costs: [], lastMs: e.timestamp };
      this.recent.set(e.userId, s);
    }
    s.actions.push(action);
    s.costs.push(cost);
    if (s.actions.length > KEEP_ACTIONS) {
      s.actions.shift();
      s.costs.shift();
    }
    s.lastMs = Math.max(s.lastMs, e.timestamp);
  }

  /** Drops users idle for longer than the session gap. */
  expire(nowMs: number): void {
    for (const [u, s] of this.recent) {
      if (nowMs - s.lastMs > this.gapMs) {
        this.recent.delete(u);
        this.predicted.delete(u);
      }
    }
  }

  active(): Array<{ userId: string; actions: Uint8Array }> {
    return [...this.recent.entries()].map(([userId, s]) => ({ userId, actions: Uint8Array.from(s.actions) }));
  }

  predict(userId: string, action: number): void {
    this.predicted.set(userId, action);
  }

  get accuracy(): number {
    return this.scored === 0 ? NaN : this.hits / this.scored;
  }
}
