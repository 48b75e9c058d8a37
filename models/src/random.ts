/** A small seeded PRNG (mulberry32): sampling, shuffles and rebuilds are reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Indices of a uniform sample of `size` out of `n` (all of them, in order, when size >= n). */
export function sampleIndices(n: number, size: number, random: () => number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  if (size >= n) return idx;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.slice(0, size).sort((a, b) => a - b);
}
