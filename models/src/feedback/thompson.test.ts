import { seededRandom } from '../random';
import { GaussianThompson } from './thompson';

/** Losses with planted means and Gaussian noise. */
function noisyLoss(means: readonly number[], sd: number, seed: number): (arm: number) => number {
  const random = seededRandom(seed);
  return (arm) => means[arm] + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('GaussianThompson', () => {
  it('plays every arm once, in order, before sampling', () => {
    const b = new GaussianThompson(3);
    const played: number[] = [];
    for (let i = 0; i < 3; i++) {
      const arm = b.select();
      played.push(arm);
      b.update(arm, 1);
    }
    expect(played).toEqual([0, 1, 2]);
  });

  it.each([1, 2, 3])('converges to the planted best arm (noise seed %s)', (seed) => {
    const means = [1.0, 0.9, 0.8, 1.1, 0.86];
    const loss = noisyLoss(means, 0.15, seed);
    const b = new GaussianThompson(means.length, { seed: 7 });
    for (let i = 0; i < 300; i++) {
      const arm = b.select();
      b.update(arm, loss(arm));
    }
    const stats = b.stats();
    expect(b.bestArm()).toBe(2);
    // Most pulls go to the best arm; the clearly worse ones are left after a few.
    expect(stats[2].pulls).toBeGreaterThan(150);
    expect(stats[3].pulls).toBeLessThan(15);
  });

  it('pools the within-arm variance', () => {
    const b = new GaussianThompson(2);
    for (const v of [1, 3]) b.update(0, v);
    for (const v of [10, 14]) b.update(1, v);
    // (2 + 8) / 2 degrees of freedom
    expect(b.pooledVariance()).toBeCloseTo(5, 10);
  });

  it('rejects bad input naming the field', () => {
    expect(() => new GaussianThompson(0)).toThrow('arms must be a whole number ≥ 1, got 0');
    expect(() => new GaussianThompson(2).update(2, 1)).toThrow('arm must be in 0 … 1, got 2');
    expect(() => new GaussianThompson(2).update(0, Number.NaN)).toThrow('loss must be a finite number, got NaN');
  });
});
