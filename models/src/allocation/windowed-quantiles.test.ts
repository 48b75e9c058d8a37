import { WindowedQuantiles } from './windowed-quantiles';

describe('windowed quantiles', () => {
  it('gives quantiles of the last window values at bin resolution', () => {
    const w = new WindowedQuantiles(100, 0, 200, 1);
    for (let v = 1; v <= 100; v++) w.add(v);
    expect(w.quantile(0.5)).toBe(50);
    expect(w.quantile(0.99)).toBe(99);
    expect(w.quantile(1)).toBe(100);
  });
  it('forgets values older than the window and clamps to the range', () => {
    const w = new WindowedQuantiles(3, -5, 5, 0.5);
    for (const v of [100, 100, 100, -1, -1, -100]) w.add(v);
    expect(w.length).toBe(3);
    expect(w.quantile(1)).toBe(-1);
    expect(w.quantile(0.1)).toBe(-5);
    expect(new WindowedQuantiles(3, 0, 1, 1).quantile(0.5)).toBeUndefined();
  });
});

describe('windowed shares', () => {
  it('gives the share of values at or below x', () => {
    const w = new WindowedQuantiles(10, 0, 100, 1);
    for (let v = 1; v <= 10; v++) w.add(v * 10);
    expect(w.shareAtMost(5)).toBe(0);
    expect(w.shareAtMost(10)).toBe(0.1);
    expect(w.shareAtMost(55)).toBe(0.5);
    expect(w.shareAtMost(1000)).toBe(1);
  });
});
