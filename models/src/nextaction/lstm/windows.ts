import type { ActionSequence } from '../types';

/** One session of the LSTM's inputs. Only `actions` is required (the MSNBC benchmark has nothing else). */
export interface LstmSession {
  readonly actions: ActionSequence;
  /** Data type index per action. */
  readonly dataTypes?: ArrayLike<number>;
  /** Milliseconds since the epoch per action (for the time-of-day / day-of-week inputs). */
  readonly timestamps?: ArrayLike<number>;
  readonly profile?: number;
  readonly userBucket?: number;
  /** Complexity of each action (complexity units), the target of the second head. */
  readonly complexity?: ArrayLike<number>;
}

/**
 * A slice [from, to) of one session fed to the LSTM at once: it predicts items from+1 … to-1, and
 * scores only targets j ≥ scoreFrom (earlier ones are context already scored by the previous window).
 */
export interface Window {
  readonly session: number;
  readonly from: number;
  readonly to: number;
  readonly scoreFrom: number;
}

/**
 * Cuts every session with at least one target into windows of at most `window` items so that every
 * target j ≥ 1 is scored exactly once, each later window carrying `burnIn` items of context.
 */
export function cutWindows(lengths: ArrayLike<number>, window: number, burnIn: number): Window[] {
  const out: Window[] = [];
  for (let s = 0; s < lengths.length; s++) {
    const n = lengths[s];
    if (n < 2) continue;
    let next = 1;
    let from = 0;
    while (next < n) {
      const to = Math.min(n, from + window);
      out.push({ session: s, from, to, scoreFrom: next });
      next = to;
      from = Math.max(0, next - burnIn - 1);
    }
  }
  return out;
}

/** Groups windows of similar length into batches of at most `tokens` steps (and `maxLanes` windows). */
export function batchWindows(windows: readonly Window[], tokens: number, maxLanes: number): Window[][] {
  const sorted = windows.slice().sort((a, b) => a.to - a.from - (b.to - b.from));
  const batches: Window[][] = [];
  let current: Window[] = [];
  for (const w of sorted) {
    const steps = w.to - w.from - 1;
    if (current.length > 0 && (current.length + 1 > maxLanes || (current.length + 1) * steps > tokens)) {
      batches.push(current);
      current = [];
    }
    current.push(w);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
