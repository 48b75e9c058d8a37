import { ChangeRateLimiter, clamp, Cooldowns } from './safety';

describe('safety limits', () => {
  it('holds a pool for its cooldown after a change', () => {
    const c = new Cooldowns();
    expect(c.readyAt('web', 60_000)).toBe(0);
    c.record('web', 1_000);
    expect(c.readyAt('web', 60_000)).toBe(61_000);
    expect(c.readyAt('api', 60_000)).toBe(0);
  });

  it('allows at most N changes in any window', () => {
    const r = new ChangeRateLimiter(2, 10_000);
    r.record(0);
    expect(r.readyAt(1)).toBe(1);
    r.record(5_000);
    expect(r.readyAt(6_000)).toBe(10_000);
    expect(r.readyAt(10_001)).toBe(10_001);
  });

  it('clamps to the pool bounds', () => {
    expect(clamp(9, 1, 5)).toBe(5);
    expect(clamp(-2, 1, 5)).toBe(1);
    expect(clamp(3, 1, 5)).toBe(3);
  });
});
