import type { BehaviourEvent } from '../events';
import { seededRandom } from '../random';

/** A hand-made event set whose aggregates and features the tests state exactly. */
export const HAND_MADE_EVENTS: BehaviourEvent[] = [
  // user a, session s1: 00:00:00, 00:00:10, 00:00:40 UTC
  { userId: 'a', sessionId: 's1', timestamp: 40_000, action: 'home', status: 500, dataType: 'json', bytes: 100 },
  { userId: 'a', sessionId: 's1', timestamp: 0, action: 'home' },
  { userId: 'a', sessionId: 's1', timestamp: 10_000, action: 'search', durationMs: 3_000 },
  // user a, session s2: 05:00 and 07:00 UTC (the 2 h gap is capped at 30 min)
  { userId: 'a', sessionId: 's2', timestamp: 18_000_000, action: 'home', error: true, bytes: 50 },
  { userId: 'a', sessionId: 's2', timestamp: 25_200_000, action: 'search' },
  // user b: one event at 12:00 UTC
  { userId: 'b', sessionId: 's3', timestamp: 43_200_000, action: 'search', status: 200 },
];

/** Gaussian blobs around the given centres (Box–Muller), `perBlob` points each, seeded. */
export function blobs(centres: number[][], perBlob: number, spread: number, seed: number): { points: number[][]; truth: number[] } {
  const random = seededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const points: number[][] = [];
  const truth: number[] = [];
  centres.forEach((c, label) => {
    for (let i = 0; i < perBlob; i++) {
      points.push(c.map((v) => v + spread * gauss()));
      truth.push(label);
    }
  });
  return { points, truth };
}

/** Share of points whose cluster's majority truth label is their own (1 = clusters match the truth). */
export function purity(labels: readonly number[], truth: readonly number[]): number {
  const byCluster = new Map<number, Map<number, number>>();
  labels.forEach((l, i) => {
    const m = byCluster.get(l) ?? new Map<number, number>();
    m.set(truth[i], (m.get(truth[i]) ?? 0) + 1);
    byCluster.set(l, m);
  });
  let agree = 0;
  for (const m of byCluster.values()) agree += Math.max(...m.values());
  return agree / labels.length;
}
