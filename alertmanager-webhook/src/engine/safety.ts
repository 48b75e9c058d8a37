/**
 * The safety limits that sit between an accepted intent and a driver: per-pool cooldowns and a global
 * sliding-window limit on changes. Both are rebuilt from the intent log on restart.
 */
export class Cooldowns {
  private readonly lastChange = new Map<string, number>();

  record(pool: string, at: number): void {
    this.lastChange.set(pool, Math.max(at, this.lastChange.get(pool) ?? 0));
  }

  /** When the pool may change again (<= now means it may change now). */
  readyAt(pool: string, cooldownMs: number): number {
    const last = this.lastChange.get(pool);
    return last === undefined ? 0 : last + cooldownMs;
  }
}

export class ChangeRateLimiter {
  private times: number[] = [];

  constructor(
    private readonly maxChanges: number,
    private readonly windowMs: number,
  ) {}

  record(at: number): void {
    this.times.push(at);
    this.times.sort((a, b) => a - b);
  }

  /** When the next change is allowed (<= now means now). */
  readyAt(now: number): number {
    this.times = this.times.filter((t) => t > now - this.windowMs);
    if (this.times.length < this.maxChanges) return now;
    return this.times[this.times.length - this.maxChanges]! + this.windowMs;
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
