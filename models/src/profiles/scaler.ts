import type { Scaler } from './types';

/** A deviation below this (relative to the mean's magnitude, or absolute near 0) counts as constant. */
const MIN_STD = 1e-9;

/** Mean and population standard deviation per column; constant columns are marked inactive. */
export function fitScaler(rows: readonly (readonly number[])[]): Scaler {
  if (rows.length === 0) throw new Error('cannot standardise 0 rows: profiles need at least one user');
  const d = rows[0].length;
  const mean = new Array<number>(d).fill(0);
  const m2 = new Array<number>(d).fill(0);
  rows.forEach((r, n) => {
    if (r.length !== d) throw new Error(`row ${n} has ${r.length} features, expected ${d}`);
    // Welford's update: numerically stable in one pass.
    for (let j = 0; j < d; j++) {
      const delta = r[j] - mean[j];
      mean[j] += delta / (n + 1);
      m2[j] += delta * (r[j] - mean[j]);
    }
  });
  const std = m2.map((s) => Math.sqrt(s / rows.length));
  const active = std.map((s, j) => s > MIN_STD * Math.max(1, Math.abs(mean[j])));
  return { mean, std, active };
}

/**
 * z-scores are clipped to ±Z_CLIP so that a handful of extreme users (one with 14,000 page views)
 * cannot dominate the distances and claim a cluster of their own.
 */
export const Z_CLIP = 6;

function z(v: number, j: number, s: Scaler): number {
  const x = (v - s.mean[j]) / s.std[j];
  return x > Z_CLIP ? Z_CLIP : x < -Z_CLIP ? -Z_CLIP : x;
}

/** z-scores of every column; inactive (constant) columns become 0. */
export function standardize(row: readonly number[], s: Scaler): number[] {
  return row.map((v, j) => (s.active[j] ? z(v, j, s) : 0));
}

/** z-scores of the active columns only: the space clustering runs in. */
export function standardizeActive(row: readonly number[], s: Scaler): number[] {
  const out: number[] = [];
  for (let j = 0; j < row.length; j++) if (s.active[j]) out.push(z(row[j], j, s));
  return out;
}

/** Back from the active z-space to raw units (inactive columns take their constant mean). */
export function unstandardizeActive(z: readonly number[], s: Scaler): number[] {
  let k = 0;
  return s.mean.map((m, j) => (s.active[j] ? m + z[k++] * s.std[j] : m));
}
