import type { Trace } from '@shadowfleet/models';

/** One slice the rule picked: where it starts (hours of rows from the trace's start, `--offset-hours`). */
export interface HeldOutSlice {
  readonly offsetHours: number;
  /** The slice's first minute as the trace dates it (null for a trace without clock times). */
  readonly startsAt: string | null;
  readonly peakRequestsPerMinute: number;
}

export interface HeldOutRule {
  /** Slices per trace. */
  readonly count: number;
  readonly hours: number;
  readonly warmHours: number;
  /**
   * Which half of the rows the slices come from: `second` (default), the held-out half; `first`, the
   * training half, where each slice also ends inside the first half (the choice never sees a held-out row).
   */
  readonly half?: 'first' | 'second';
}

/**
 * The held-out slices of a trace, by a rule fixed before any run (docs/replay.md): the second half of the
 * trace's rows (the tuning audit's split, row ⌊N/2⌋ on; with `half: 'first'`, rows before it, for training) is cut into `count` equal parts; each part gives
 * the first whole hour of rows at or after its start such that
 * - the warm-up and the slice have no missing minute (consecutive rows are 60 s apart: no outage inside), and
 * - the slice and the hour before it have no minute without requests (no gap to scale up from zero),
 * and the slice ends inside the trace (inside the first half for `half: 'first'`). A part that has no such hour gives no slice.
 */
export function heldOutSlices(trace: Pick<Trace, 'requests' | 'timestamps'>, rule: HeldOutRule): HeldOutSlice[] {
  const { requests, timestamps } = trace;
  const half = Math.floor(requests.length / 2);
  // The rows the slices are taken from: [from, to).
  const [from, to] = rule.half === 'first' ? [0, half] : [half, requests.length];
  const length = rule.hours * 60;
  const warm = rule.warmHours * 60;
  const contiguous = (from: number, to: number): boolean => {
    if (!timestamps) return true;
    for (let m = Math.max(1, from + 1); m < to; m++) if (timestamps[m] - timestamps[m - 1] !== 60) return false;
    return true;
  };
  const busy = (from: number, to: number): boolean => {
    for (let m = from; m < to; m++) if (!(requests[m] > 0)) return false;
    return true;
  };
  const slices: HeldOutSlice[] = [];
  for (let part = 0; part < rule.count; part++) {
    const partStart = from + Math.floor((part * (to - from)) / rule.count);
    const partEnd = from + Math.floor(((part + 1) * (to - from)) / rule.count);
    for (let hour = Math.ceil(partStart / 60); hour * 60 < partEnd && hour * 60 + length <= to; hour++) {
      const start = hour * 60;
      if (start - warm < 0 || !contiguous(start - warm, start + length) || !busy(start - 60, start + length)) continue;
      let peak = 0;
      for (let m = start; m < start + length; m++) peak = Math.max(peak, requests[m]);
      slices.push({ offsetHours: hour, startsAt: timestamps && timestamps[start] > 86_400 * 365 ? new Date(timestamps[start] * 1000).toISOString() : null, peakRequestsPerMinute: peak });
      break;
    }
  }
  return slices;
}
