/** Parses `--plot-start` / `--plot-minutes` against a trace of `total` minutes. */
export function plotWindow(start: string | undefined, minutes: string | undefined, total: number): { start: number; minutes: number } {
  const s = start === undefined ? 0 : Number(start);
  if (!Number.isInteger(s) || s < 0 || s >= total) throw new Error(`--plot-start must be a minute from 0 to ${total - 1}, got ${start}`);
  const n = minutes === undefined ? total - s : Number(minutes);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--plot-minutes must be a whole number > 0, got ${minutes}`);
  return { start: s, minutes: Math.min(n, total - s) };
}
