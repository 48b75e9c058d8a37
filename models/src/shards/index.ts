import murmurhash from 'murmurhash';
import type { ComplexityLoadForecast } from '../complexity/load/behaviour-load';

/**
 * Which exporter owns a user: rendezvous (highest random weight) hashing of the user id over the shard
 * indexes 0 … count-1. Each shard's weight is MurmurHash3 (x86, 32-bit) of the user id's UTF-8 bytes
 * with the shard index as seed; the highest weight wins (ties: the lower index). Any client can compute
 * it (Python: `max(range(n), key=lambda i: (mmh3.hash(user.encode(), i, signed=False), -i))`), and
 * growing from n to n+1 shards moves only the users the new shard wins (about 1/(n+1) of them).
 */
export function shardOf(userId: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be an integer >= 1, got ${count}`);
  if (count === 1) return 0;
  const key = utf8.encode(userId);
  let best = 0;
  let bestWeight = -1;
  for (let i = 0; i < count; i++) {
    const w = murmurhash.v3(key, i);
    if (w > bestWeight) {
      best = i;
      bestWeight = w;
    }
  }
  return best;
}

const utf8 = new TextEncoder();

/** Records split by their owner shard (index i holds shard i's records, in their original order). */
export function splitByShard<T extends { readonly userId: string }>(records: readonly T[], count: number): T[][] {
  const parts: T[][] = Array.from({ length: count }, () => []);
  for (const r of records) parts[shardOf(r.userId, count)].push(r);
  return parts;
}

/** Element-wise sum of the shards' load per step (each shard's series covers the same steps). */
export function sumSeries(parts: readonly (readonly number[])[]): number[] {
  const n = parts[0]?.length ?? 0;
  for (const [i, p] of parts.entries()) if (p.length !== n) throw new RangeError(`shard ${i} sent ${p.length} steps, shard 0 sent ${n}: the shards must answer the same step query`);
  return Array.from({ length: n }, (_, s) => parts.reduce((sum, p) => sum + p[s], 0));
}

/**
 * The site's behaviour-aware forecast from the shards' own: every field is a count or an expected value
 * over disjoint sets of users, so each adds up per horizon. Undefined when a shard has no forecast yet or
 * the shards forecast different horizons (a partial sum would under-forecast).
 */
export function sumForecasts(parts: readonly (readonly ComplexityLoadForecast[])[]): ComplexityLoadForecast[] | undefined {
  const horizons = (fs: readonly ComplexityLoadForecast[]): string => fs.map((f) => f.horizonMinutes).join(',');
  if (parts.length === 0 || parts.some((p) => p.length === 0 || horizons(p) !== horizons(parts[0]))) return undefined;
  return parts[0].map((first, h) => {
    const add = (k: Exclude<keyof ComplexityLoadForecast, 'horizonMinutes'>): number => parts.reduce((sum, p) => sum + p[h][k], 0);
    return {
      horizonMinutes: first.horizonMinutes,
      activeSessions: add('activeSessions'),
      activeComplexity: add('activeComplexity'),
      activeRequests: add('activeRequests'),
      newSessions: add('newSessions'),
      newComplexity: add('newComplexity'),
      newRequests: add('newRequests'),
      complexity: add('complexity'),
      requests: add('requests'),
    };
  });
}
