import { DEFAULT_POLICY } from '../policy/schema';
import { armLabel, DEFAULT_ARMS, DEFAULT_POLICY_ARM } from './arms';

describe('the default tuning arms', () => {
  it('hold the policy defaults as one arm, read from DEFAULT_POLICY', () => {
    expect(DEFAULT_POLICY_ARM).toEqual({
      targetUtilisation: DEFAULT_POLICY.targets.utilisation,
      servingQuantile: DEFAULT_POLICY.targets.servingQuantile,
      surgeQuantile: DEFAULT_POLICY.targets.surgeQuantile,
    });
    expect(DEFAULT_ARMS.map(armLabel)).toContain(armLabel(DEFAULT_POLICY_ARM));
  });

  it('are centred on the default serving quantile, with surge never below serving', () => {
    const q = DEFAULT_POLICY.targets.servingQuantile;
    const serving = [...new Set(DEFAULT_ARMS.map((a) => a.servingQuantile))].sort();
    expect(serving).toHaveLength(3);
    expect(serving[1]).toBe(q);
    expect(q - serving[0]).toBeCloseTo(serving[2] - q, 9);
    for (const a of DEFAULT_ARMS) expect(a.surgeQuantile).toBeGreaterThanOrEqual(a.servingQuantile);
    expect(DEFAULT_ARMS).toHaveLength(5);
  });
});
