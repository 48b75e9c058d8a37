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

  /**
   * Adds an event (action and data type already mapped to the LSTM's inputs); scores the pending
   * prediction. Returns true when the event starts a new session of its user.
   */
  observe(e: BehaviourEvent, action: number, cost: number, dataType = 0): boolean {
    const p = this.predicted.get(e.userId);
    if (p !== undefined) {
      this.scored++;
      if (p === action) this.hits++;
      this.predicted.delete(e.userId);
    }
    let s = this.recent.get(e.userId);
    const started = !s || e.timestamp - s.lastMs > this.gapMs;
    if (started) {
      s = new SessionTrack(e.userId, e.timestamp);
      this.recent.set(e.userId, s);
    }
    s!.push(action, dataType, e.timestamp, cost, KEEP_ACTIONS);
    return started;
  }

  /** Drops users idle for longer than the session gap; returns them. */
  expire(nowMs: number): string[] {
    const ended: string[] = [];
    for (const [u, s] of this.recent) {
      if (nowMs - s.lastMs > this.gapMs) {
        this.recent.delete(u);
        this.predicted.delete(u);
        ended.push(u);
      }
    }
    return ended;
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
