/** Default capacity per host: the trace's peak needs 100 hosts (`C = max(r) / 100`). */
export function defaultCapacity(requests: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < requests.length; i++) max = Math.max(max, requests[i]);
  if (max <= 0) throw new RangeError('the trace has no requests at all, so no default capacity exists; pass a capacity');
  return max / 100;
}

/** Hosts needed for one minute: `d_t = max(1, ceil(r_t / C))`. */
export function hostsFor(requests: number, capacity: number): number {
  return Math.max(1, Math.ceil(requests / capacity));
}

/** Demand series d_t for a whole trace. */
export function demandSeries(requests: ArrayLike<number>, capacity: number): Int32Array {
  const d = new Int32Array(requests.length);
  for (let i = 0; i < requests.length; i++) d[i] = hostsFor(requests[i], capacity);
  return d;
}
