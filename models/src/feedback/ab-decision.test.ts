import { decideAb, pairedTTest, type AbSegment } from './ab-decision';

const seg = (control: number, treatment: number, controlSlo = 1, treatmentSlo = 1): AbSegment => ({ control, treatment, controlSlo, treatmentSlo });

describe('pairedTTest', () => {
  it('matches the textbook values for 1 … 5', () => {
    const r = pairedTTest([1, 2, 3, 4, 5]);
    expect(r.mean).toBe(3);
    expect(r.t).toBeCloseTo(4.2426, 4);
    expect(r.dof).toBe(4);
    expect(r.p_value).toBeCloseTo(0.01324, 4);
    // t(0.975, 4) = 2.7764
    expect(r.lower).toBeCloseTo(3 - 2.7764 * Math.SQRT1_2, 3);
    expect(r.upper).toBeCloseTo(3 + 2.7764 * Math.SQRT1_2, 3);
  });

  it('handles differences without spread', () => {
    expect(pairedTTest([0.5, 0.5, 0.5])).toMatchObject({ lower: 0.5, upper: 0.5, p_value: 0 });
    expect(pairedTTest([0, 0])).toMatchObject({ t: 0, p_value: 1 });
  });

  it('rejects too few segments and bad levels', () => {
    expect(() => pairedTTest([1])).toThrow('a paired t-test needs at least 2 segments, got 1');
    expect(() => pairedTTest([1, 2], 1)).toThrow('level must be in (0, 1), got 1');
  });
});

describe('decideAb', () => {
  const cheaper = [seg(1.4, 1.2), seg(1.5, 1.25), seg(1.3, 1.18), seg(1.45, 1.3), seg(1.38, 1.2), seg(1.42, 1.22), seg(1.36, 1.21)];

  it('keeps collecting below the minimum sample even when the difference is clear', () => {
    expect(decideAb(cheaper.slice(0, 6)).verdict).toBe('collecting');
    expect(decideAb([]).verdict).toBe('collecting');
  });

  it('decides for the cheaper treatment once the minimum sample is reached', () => {
    const d = decideAb(cheaper);
    expect(d.verdict).toBe('treatment_better');
    expect(d.primary!.upper).toBeLessThan(0);
    expect(decideAb(cheaper, { lowerIsBetter: false }).verdict).toBe('control_better');
  });

  it('reports no significant difference when the interval contains 0', () => {
    const mixed = [seg(1, 1.1), seg(1, 0.9), seg(1, 1.05), seg(1, 0.97), seg(1, 1.02), seg(1, 0.96), seg(1, 1.01)];
    expect(decideAb(mixed).verdict).toBe('no_significant_difference');
  });

  it('stops a treatment that clearly harms the SLO, before the minimum sample, even when it is cheaper', () => {
    const harmful = [seg(1.4, 1.0, 1, 4), seg(1.4, 1.0, 1.2, 4.5), seg(1.4, 1.0, 0.8, 3.9)];
    const d = decideAb(harmful);
    expect(d.verdict).toBe('stopped_slo_harm');
    expect(d.slo_harm_lower_bound!).toBeGreaterThan(0);
    // Within the margin it is not stopped.
    expect(decideAb(harmful, { sloMargin: 5 }).verdict).toBe('collecting');
  });

  it('does not stop on noisy SLO differences', () => {
    const noisy = cheaper.map((s, i) => ({ ...s, treatmentSlo: i % 2 === 0 ? 1.5 : 0.6 }));
    expect(decideAb(noisy).verdict).toBe('treatment_better');
  });

  it('rejects bad options naming the field', () => {
    expect(() => decideAb(cheaper, { minSegments: 1 })).toThrow('minSegments must be a whole number ≥ 2, got 1');
    expect(() => decideAb(cheaper, { sloMargin: -1 })).toThrow('sloMargin must be ≥ 0, got -1');
  });
});
