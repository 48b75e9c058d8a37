export function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return s;
}

export function distance(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(squaredDistance(a, b));
}

/** Index of the nearest centroid and the distance to it. */
export function nearest(point: readonly number[], centroids: readonly (readonly number[])[]): { index: number; distance: number } {
  let best = -1;
  let bestD = Infinity;
  centroids.forEach((c, i) => {
    const d = squaredDistance(point, c);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return { index: best, distance: Math.sqrt(bestD) };
}
