import type { BehaviourEvent } from '@shadowfleet/models';
import { KEEP_ACTIONS, SessionTrack } from './session-inputs';

export { KEEP_ACTIONS, LSTM_VOCAB } from './session-inputs';

/**
 * The recent actions (with data types, times and costs) of each active user, and the top-1 predicted
 * next action per user, to score the live top-1 accuracy when the user's next event arrives.
 */
export class LiveSessions {
  private readonly recent = new Map<string, SessionTrack>();
  private readonly predicted = new Map<string, number>();
  hits = 0;
  scored = 0;

  constructor(private readonly gapMs: number) {}

  /** Adds an event (action and data type already mapped to the LSTM's inputs); scores the pending prediction. */
  observe(e: BehaviourEvent, action: number, cost: number, dataType = 0): void {
    const p = this.predicted.get(e.userId);
    if (p !== undefined) {
      this.scored++;
      if (p === action) this.hits++;
      this.predicted.delete(e.userId);
    }
    let s = this.recent.get(e.userId);
    if (!s || e.timestamp - s.lastMs > this.gapMs) {
      s = new SessionTrack(e.userId, e.timestamp);
      this.recent.set(e.userId, s);
    }
    s.push(action, dataType, e.timestamp, cost, KEEP_ACTIONS);
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

  active(): SessionTrack[] {
    return [...this.recent.values()];
  }

  predict(userId: string, action: number): void {
    this.predicted.set(userId, action);
  }

  get accuracy(): number {
    return this.scored === 0 ? NaN : this.hits / this.scored;
  }
}
