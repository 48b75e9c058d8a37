// Deterministic synthetic data for the trend tests (not part of the public surface).
import { seededRandom } from '../random';

/** Seeded standard normal noise (mulberry32 + Box–Muller), so the tests are deterministic. */
export function normalNoise(seed: number): () => number {
  const random = seededRandom(seed);
  // (k + 1) / (2^32 + 1) for the generator's k / 2^32: never 0, so the logarithm stays finite.
  const uniform = (): number => (random() * 4294967296 + 1) / 4294967297;
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
