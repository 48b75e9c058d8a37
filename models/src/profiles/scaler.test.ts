import { fitScaler, standardize, standardizeActive, unstandardizeActive, Z_CLIP } from './scaler';

describe('standardisation', () => {
  const rows = [
    [1, 5, 10],
    [3, 5, 20],
    [5, 5, 30],
  ];
  const s = fitScaler(rows);

  it('fits the mean and population standard deviation per column', () => {
    expect(s.mean).toEqual([3, 5, 20]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(s.std[2]).toBeCloseTo(Math.sqrt(200 / 3), 12);
  });

  it('marks a constant column inactive and maps it to 0 instead of dividing by zero', () => {
    expect(s.active).toEqual([true, false, true]);
    expect(standardize([5, 5, 30], s)).toEqual([expect.closeTo(2 / Math.sqrt(8 / 3), 12), 0, expect.closeTo(10 / Math.sqrt(200 / 3), 12)]);
    expect(standardizeActive([5, 5, 30], s)).toHaveLength(2);
  });

  it('gives every active column mean 0 and deviation 1 over the fitted rows', () => {
    const z = rows.map((r) => standardizeActive(r, s));
    for (let j = 0; j < 2; j++) {
      const col = z.map((r) => r[j]);
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length).toBeCloseTo(1, 12);
    }
  });

  it('round-trips through the active z-space and clips extreme z-scores', () => {
    expect(unstandardizeActive(standardizeActive([2, 5, 25], s), s)).toEqual([expect.closeTo(2, 12), 5, expect.closeTo(25, 12)]);
    expect(standardizeActive([1e6, 5, -1e6], s)).toEqual([Z_CLIP, -Z_CLIP]);
  });

  it('refuses no rows and ragged rows with a clear message', () => {
    expect(() => fitScaler([])).toThrow('cannot standardise 0 rows');
    expect(() => fitScaler([[1, 2], [1]])).toThrow('row 1 has 1 features, expected 2');
  });
});
