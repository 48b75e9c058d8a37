/**
 * The activation rule of the shadow fleet: an excess counts only if it lasts. `sustainedExcess` is a
 * morphological opening of the excess series with a window of `minSteps`: each value becomes the largest
 * level k such that some run of at least `minSteps` consecutive steps through it stays ≥ k. Spikes shorter
 * than the window disappear; sustained plateaus keep their full height and length.
 */
export function sustainedExcess(excess: readonly number[], minSteps: number): number[] {
  if (!Number.isInteger(minSteps) || minSteps < 1) throw new Error(`minSteps must be a whole number ≥ 1, got ${minSteps}`);
  const n = excess.length;
  if (minSteps === 1 || n === 0) return [...excess];
  // Erosion: the minimum over each full window [s, s + minSteps).
  const windows = Math.max(0, n - minSteps + 1);
  const eroded = new Array<number>(windows);
  for (let s = 0; s < windows; s++) {
    let m = Infinity;
    for (let i = s; i < s + minSteps; i++) m = Math.min(m, excess[i]);
    eroded[s] = m;
  }
  // Dilation: each step takes the best window that covers it.
  const out = new Array<number>(n).fill(0);
  for (let s = 0; s < windows; s++) for (let i = s; i < s + minSteps; i++) out[i] = Math.max(out[i], eroded[s]);
  return out;
}

/**
 * How many standby hosts to activate now, given the predicted excess (in hosts, one value per step from
 * now): the number needed throughout the next `minSteps` steps, so a spike shorter than that activates none.
 */
export function hostsToActivate(predictedExcess: readonly number[], minSteps: number): number {
  if (!Number.isInteger(minSteps) || minSteps < 1) throw new Error(`minSteps must be a whole number ≥ 1, got ${minSteps}`);
  if (predictedExcess.length < minSteps) return 0;
  let m = Infinity;
  for (let i = 0; i < minSteps; i++) m = Math.min(m, predictedExcess[i]);
  return Math.max(0, Math.floor(m));
}
