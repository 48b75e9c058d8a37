import { quantileSorted } from 'simple-statistics';
import type { KpiRequest } from './haproxy-log';

/** KPIs of one profile (or, in a window keyed by backend, of one backend) over the window. */
export interface ProfileKpis {
  /** The key: the profile, or the backend in a window keyed by backend. */
  readonly profile: string;
  readonly requests: number;
  readonly throughput_rps: number;
  /** (satisfied + tolerating / 2) / requests; 5xx count as frustrated. */
  readonly apdex: number;
  readonly latency_p50_seconds: number;
  readonly latency_p95_seconds: number;
  readonly latency_p99_seconds: number;
}

export interface KpiWindowOptions {
  /** Apdex threshold T in milliseconds (satisfied ≤ T, tolerating ≤ 4T). */
  readonly apdexThresholdMs: number;
  readonly windowSeconds: number;
  /** Distinct profiles kept; requests of further profiles count as `other` (bounded label set). */
  readonly maxProfiles?: number;
  /** What requests are grouped by: the caller's profile (default) or the backend (pool) that served them. */
  readonly key?: 'profile' | 'backend';
  readonly now?: () => number;
}

/** A time range inside the window, epoch ms: requests recorded at `from` ≤ t < `to`. */
export interface KpiRange {
  readonly from: number;
  readonly to: number;
}

/** Requests of the last `windowSeconds`, per profile, and their KPIs. */
export class KpiWindow {
  private readonly byProfile = new Map<string, Array<{ at: number; latencyMs: number; error: boolean }>>();
  private readonly now: () => number;
  private readonly maxProfiles: number;

  constructor(private readonly options: KpiWindowOptions) {
    if (!(options.apdexThresholdMs > 0)) throw new RangeError(`apdexThresholdMs must be > 0, got ${options.apdexThresholdMs}`);
    if (!(options.windowSeconds > 0)) throw new RangeError(`windowSeconds must be > 0, got ${options.windowSeconds}`);
    this.now = options.now ?? Date.now;
    this.maxProfiles = options.maxProfiles ?? 50;
  }

  record(r: KpiRequest): void {
    const key = this.options.key === 'backend' ? r.backend : r.profile;
    if (key === undefined) return;
    let profile = key;
    if (!this.byProfile.has(profile) && this.byProfile.size >= this.maxProfiles) profile = 'other';
    let list = this.byProfile.get(profile);
    if (!list) this.byProfile.set(profile, (list = []));
    list.push({ at: this.now(), latencyMs: r.latencyMs, error: r.status >= 500 });
  }

  /**
   * KPIs per key over the window, or over `range` (which must lie inside the window: older requests
   * are forgotten); keys without requests are left out.
   */
  kpis(range?: KpiRange): ProfileKpis[] {
    const cutoff = this.now() - this.options.windowSeconds * 1000;
    if (range && !(Number.isFinite(range.from) && Number.isFinite(range.to) && range.to > range.from)) {
      throw new RangeError(`a KPI range needs from < to (epoch ms), got from=${range.from} to=${range.to}`);
    }
    const seconds = range ? (range.to - range.from) / 1000 : this.options.windowSeconds;
    const T = this.options.apdexThresholdMs;
    const out: ProfileKpis[] = [];
    for (const [profile, all] of this.byProfile) {
      let drop = 0;
      while (drop < all.length && all[drop].at < cutoff) drop++;
      all.splice(0, drop);
      if (all.length === 0) {
        this.byProfile.delete(profile);
        continue;
      }
      const list = range ? all.filter((x) => x.at >= range.from && x.at < range.to) : all;
      if (list.length === 0) continue;
      let satisfied = 0;
      let tolerating = 0;
      for (const x of list) {
        if (x.error) continue;
        if (x.latencyMs <= T) satisfied++;
        else if (x.latencyMs <= 4 * T) tolerating++;
      }
      const sorted = list.map((x) => x.latencyMs / 1000).sort((a, b) => a - b);
      out.push({
        profile,
        requests: list.length,
        throughput_rps: list.length / seconds,
        apdex: (satisfied + tolerating / 2) / list.length,
        latency_p50_seconds: quantileSorted(sorted, 0.5),
        latency_p95_seconds: quantileSorted(sorted, 0.95),
        latency_p99_seconds: quantileSorted(sorted, 0.99),
      });
    }
    return out.sort((a, b) => a.profile.localeCompare(b.profile));
  }
}
