import { readFileSync } from 'node:fs';
import { loadAugurs, type Augurs } from './augurs';
import { detectChangepoints } from './changepoints';
import { DAY_MS, HOUR_MS } from './series';
import { normalNoise } from './test-series';
import type { RegularSeries } from './types';

// Fitting MSTL takes a second or more on a busy 2-core machine; jest's 5 s default is too tight.
jest.setTimeout(60_000);

/** Hourly series whose daily level is `levels[day]`, with a daily cycle and noise. */
function levels(perDay: number[]): RegularSeries {
  const noise = normalNoise(7);
  const values = perDay.flatMap((level) =>
    Array.from({ length: 24 }, (_, h) => level * (1 + 0.3 * Math.sin((2 * Math.PI * h) / 24)) + 2 * noise()),
  );
  return { startMs: 0, stepMs: HOUR_MS, values };
}

let augurs: Augurs;
beforeAll(async () => {
  augurs = await loadAugurs(readFileSync);
});

describe('detectChangepoints (augurs Bayesian online detector on daily means)', () => {
  test('finds a growth step on the day it happens', () => {
    const series = levels([...new Array(20).fill(100), ...new Array(20).fill(160)]);
    const found = detectChangepoints(augurs, series);
    expect(found).toHaveLength(1);
    expect(found[0].atMs).toBe(20 * DAY_MS);
    expect(found[0].meanBefore).toBeCloseTo(100, 0);
    expect(found[0].meanAfter).toBeCloseTo(160, 0);
    expect(found[0].relativeChange).toBeCloseTo(0.6, 1);
  });

  test('finds a drop and a recovery', () => {
    const series = levels([...new Array(15).fill(100), ...new Array(10).fill(40), ...new Array(15).fill(100)]);
    expect(detectChangepoints(augurs, series).map((c) => c.atMs / DAY_MS)).toEqual([15, 25]);
  });

  test('reports nothing for a steady series', () => {
    expect(detectChangepoints(augurs, levels(new Array(40).fill(100)))).toEqual([]);
  });
});
