import { parseShowStat } from '@shadowfleet/haproxy-runtime';
import type { PoolSample } from './host-agent';

/** What HAProxy counted for the backend (cumulative since it started). */
export interface BackendCounters {
  readonly served: number;
  readonly errored: number;
  readonly queued: number;
}

/** The backend's 2xx and 5xx answers and its current queue from `show stat`. */
export function backendCounters(showStat: string, backend: string): BackendCounters {
  const row = parseShowStat(showStat).find((r) => r.pxname === backend && r.svname === 'BACKEND');
  if (!row) throw new Error(`show stat has no BACKEND row for ${backend}`);
  return { served: Number(row.hrsp_2xx ?? 0), errored: Number(row.hrsp_5xx ?? 0), queued: Number(row.qcur ?? 0) };
}

/** One trace minute of the production run, as HAProxy and the pool showed it. */
export interface ProductionMinute {
  /** Time-weighted means over the minute. */
  serving: number;
  fullPrice: number;
  standby: number;
  /** HTTP requests HAProxy answered 2xx / 5xx in the minute, and the longest queue it had. */
  served: number;
  errored: number;
  maxQueue: number;
  seconds: number;
}

/** Accumulates pool samples and HAProxy counters into trace minutes (minute t = wall [t0 + t·step, t0 + (t+1)·step)). */
export class MinuteRecorder {
  readonly minutes: ProductionMinute[];
  private last: PoolSample | undefined;
  private counters: BackendCounters | undefined;

  constructor(
    private readonly t0: number,
    private readonly stepMs: number,
    count: number,
  ) {
    this.minutes = Array.from({ length: count }, () => ({ serving: 0, fullPrice: 0, standby: 0, served: 0, errored: 0, maxQueue: 0, seconds: 0 }));
  }

  private minuteAt(ms: number): number {
    return Math.floor((ms - this.t0) / this.stepMs);
  }

  /** A pool sample: the previous one holds from its time to this one's (split across minute boundaries). */
  pool(s: PoolSample): void {
    const prev = this.last;
    this.last = s;
    if (!prev) return;
    let from = Math.max(prev.at, this.t0);
    while (from < s.at) {
      const t = this.minuteAt(from);
      if (t >= this.minutes.length) break;
      const to = Math.min(s.at, this.t0 + (t + 1) * this.stepMs);
      const m = this.minutes[t];
      const w = (to - from) / 1000;
      m.serving += prev.serving * w;
      m.fullPrice += (prev.serving + prev.starting + prev.standbyBooting) * w;
      m.standby += prev.standby * w;
      m.seconds += w;
      from = to;
    }
  }

  /** HAProxy's counters at `at`: the change since the last reading is counted in the minute of `at`. */
  haproxy(c: BackendCounters, at: number): void {
    const t = Math.min(this.minutes.length - 1, this.minuteAt(at));
    const prev = this.counters;
    this.counters = c;
    if (t < 0) return;
    const m = this.minutes[t];
    if (prev) {
      m.served += c.served - prev.served;
      m.errored += c.errored - prev.errored;
    }
    m.maxQueue = Math.max(m.maxQueue, c.queued);
  }

  /** Minutes for which the pool was never sampled (the agent fell behind). */
  unsampled(): number {
    return this.minutes.filter((m) => m.seconds === 0).length;
  }
}
