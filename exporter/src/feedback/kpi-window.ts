import { quantileSorted } from 'simple-statistics';
import type { KpiRequest } from './haproxy-log';

/** KPIs of one profile over the window. */
export interface ProfileKpis {
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
  readonly now?: () => number;
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
    let profile = r.profile;
    if (!this.byProfile.has(profile) && this.byProfile.size >= this.maxProfiles) profile = 'other';
    let list = this.byProfile.get(profile);
    if (!list) this.byProfile.set(profile, (list = []));
    list.push({ at: this.now(), latencyMs: r.latencyMs, error: r.status >= 500 });
  }

  /** KPIs per profile (profiles without requests in the window are dropped). */
  kpis(): ProfileKpis[] {
    const cutoff = this.now() - this.options.windowSeconds * 1000;
    const T = this.options.apdexThresholdMs;
    const out: ProfileKpis[] = [];
    for (const [profile, list] of this.byProfile) {
      let drop = 0;
      while (drop < list.length && list[drop].at < cutoff) drop++;
      list.splice(0, drop);
      if (list.length === 0) {
        this.byProfile.delete(profile);
        continue;
      }
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
        throughput_rps: list.length / this.options.windowSeconds,
        apdex: (satisfied + tolerating / 2) / list.length,
        latency_p50_seconds: quantileSorted(sorted, 0.5),
        latency_p95_seconds: quantileSorted(sorted, 0.95),
        latency_p99_seconds: quantileSorted(sorted, 0.99),
      });
    }
    return out.sort((a, b) => a.profile.localeCompare(b.profile));
  }
}
