import type { Augurs } from './augurs';
import { dailyMeans } from './growth';
import { DAY_MS } from './series';
import type { LoadChangepoint, RegularSeries } from './types';

export interface ChangepointOptions {
  /** Expected days between changes (the detector's hazard λ); default 60. */
  readonly expectedRunDays?: number;
  /** Ignore changes smaller than this relative step (0.2 = 20 %); default 0.2. */
  readonly minRelativeChange?: number;
}

/**
 * Changes in the level of daily load (a growth step, a new weekly pattern shifting the daily means), found
 * by augurs' Bayesian online changepoint detector (Normal-Gamma prior) on the standardised daily means.
 */
export function detectChangepoints(augurs: Augurs, series: RegularSeries, options: ChangepointOptions = {}): LoadChangepoint[] {
  const means = dailyMeans(series);
  if (means.length < 3) return [];
  const avg = means.reduce((a, b) => a + b, 0) / means.length;
  const sd = Math.sqrt(means.reduce((a, b) => a + (b - avg) ** 2, 0) / means.length);
  if (!(sd > 0)) return [];
  const z = means.map((m) => (m - avg) / sd);
  const detector = augurs.ChangepointDetector.normalGamma({ hazardLambda: options.expectedRunDays ?? 60 });
  let indices: number[];
  try {
    indices = Array.from(detector.detectChangepoints(Float64Array.from(z)).indices);
  } finally {
    detector.free();
  }
  // The detector reports 0 (the start) and, for each change, the last index of the old regime.
  const cuts = [...new Set(indices.filter((i) => i > 0).map((i) => i + 1))].filter((i) => i < means.length).sort((a, b) => a - b);
  const minChange = options.minRelativeChange ?? 0.2;
  const bounds = [0, ...cuts, means.length];
  const mean = (a: number, b: number): number => means.slice(a, b).reduce((x, y) => x + y, 0) / (b - a);
  const out: LoadChangepoint[] = [];
  for (let k = 1; k < bounds.length - 1; k++) {
    const before = mean(bounds[k - 1], bounds[k]);
    const after = mean(bounds[k], bounds[k + 1]);
    const relativeChange = before > 0 ? after / before - 1 : after > 0 ? Infinity : 0;
    if (Math.abs(relativeChange) < minChange) continue;
    out.push({ atMs: series.startMs + bounds[k] * DAY_MS, meanBefore: before, meanAfter: after, relativeChange });
  }
  return out;
}
