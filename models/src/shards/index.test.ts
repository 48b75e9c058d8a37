import murmurhash from 'murmurhash';
import { shardOf, splitByShard, sumForecasts, sumSeries } from './index';

describe('shardOf (rendezvous hashing over shard indexes)', () => {
  const users = Array.from({ length: 30_000 }, (_, i) => `user-${i}`);

  it('pins known owners (clients in other languages must agree; MurmurHash3 x86_32, seed = shard index)', () => {
    // The library is the reference MurmurHash3_x86_32 (SMHasher's published vectors) …
    expect(murmurhash.v3(new TextEncoder().encode('Hello, world!'), 1234)).toBe(0xfaf6cdb3);
    expect(murmurhash.v3(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'), 0x9747b28c)).toBe(0x2fa826cd);
    // … and these owners are what every client must compute (non-ASCII ids hash their UTF-8 bytes).
    expect([shardOf('alice', 3), shardOf('bob', 3), shardOf('user-42', 3), shardOf('Zoë', 3)]).toEqual([2, 1, 1, 0]);
  });

  it('spreads users evenly: each of 3 shards gets a third within 2 %', () => {
    const counts = [0, 0, 0];
    for (const u of users) counts[shardOf(u, 3)]++;
    for (const c of counts) expect(Math.abs(c / users.length - 1 / 3)).toBeLessThan(0.02);
  });

  it('moves only the users the new shard wins when growing from 3 to 4', () => {
    let moved = 0;
    for (const u of users) {
      const before = shardOf(u, 3);
      const after = shardOf(u, 4);
      if (after !== before) {
        expect(after).toBe(3);
        moved++;
      }
    }
    expect(Math.abs(moved / users.length - 1 / 4)).toBeLessThan(0.02);
  });

  it('one shard owns everyone; a bad count is an error naming it', () => {
    expect(shardOf('anyone', 1)).toBe(0);
    expect(() => shardOf('x', 0)).toThrow('shard count must be an integer >= 1, got 0');
  });

  it('splitByShard keeps each shard’s records in order', () => {
    const records = users.slice(0, 100).map((userId, i) => ({ userId, i }));
    const parts = splitByShard(records, 3);
    expect(parts.flat().length).toBe(100);
    parts.forEach((part, s) => {
      for (const r of part) expect(shardOf(r.userId, 3)).toBe(s);
      expect(part.map((r) => r.i)).toEqual([...part.map((r) => r.i)].sort((a, b) => a - b));
    });
  });
});

describe('adding the shards up', () => {
  const f = (horizonMinutes: number, x: number) => ({ horizonMinutes, activeSessions: x, activeComplexity: 2 * x, activeRequests: 3 * x, newSessions: 4 * x, newComplexity: 5 * x, newRequests: 6 * x, complexity: 7 * x, requests: 9 * x });

  it('sums load per step element-wise and refuses series of different lengths', () => {
    expect(sumSeries([[1, 2, 3], [10, 20, 30], [0, 0, 1]])).toEqual([11, 22, 34]);
    expect(() => sumSeries([[1, 2], [1]])).toThrow('shard 1 sent 1 steps, shard 0 sent 2');
  });

  it('sums every field of the forecasts per horizon', () => {
    expect(sumForecasts([[f(5, 1), f(15, 2)], [f(5, 10), f(15, 20)]])).toEqual([f(5, 11), f(15, 22)]);
  });

  it('gives no sum when a shard has no forecast yet or other horizons', () => {
    expect(sumForecasts([[f(5, 1)], []])).toBeUndefined();
    expect(sumForecasts([[f(5, 1)], [f(15, 1)]])).toBeUndefined();
  });
});
