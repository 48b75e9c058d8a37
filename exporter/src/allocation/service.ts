import type { ObservedMix, ShadowFleetPlan } from '@shadowfleet/models';
import { dryRun, type DryRun, type DryRunSettings } from './dry-run';

/** Minutes of history replayed for each dry run (two days: enough for the forecaster to calibrate). */
export const DRY_RUN_HISTORY_MINUTES = 2 * 1440;

export interface DecisionServiceOptions {
  /** The per-minute request history, oldest first, the time of its first minute, and the observed profile mix when known. */
  readonly history: () => Promise<{ readonly values: readonly number[]; readonly startMs: number; readonly mix?: readonly ObservedMix[] } | undefined>;
  readonly settings: DryRunSettings;
  /** The trend refresher's latest shadow fleet plan, when there is one (tier 3 reads it). */
  readonly plan?: () => ShadowFleetPlan | undefined;
  readonly now?: () => number;
}

/**
 * Runs the dry run at most once per minute (the last result is served until the minute changes) and
 * shares one run between concurrent callers (HTTP and the metrics scrape).
 */
export class DecisionService {
  private cached: { minute: number; result: Promise<DryRun | undefined> } | undefined;

  constructor(private readonly o: DecisionServiceOptions) {}

  latest(): Promise<DryRun | undefined> {
    const minute = Math.floor((this.o.now ?? Date.now)() / 60_000);
    if (this.cached?.minute !== minute) {
      const result = this.compute();
      this.cached = { minute, result };
      // A failed run is not kept: the next call tries again.
      result.catch(() => {
        if (this.cached?.result === result) this.cached = undefined;
      });
    }
    return this.cached.result;
  }

  private async compute(): Promise<DryRun | undefined> {
    const h = await this.o.history();
    if (!h || h.values.length === 0) return undefined;
    const skip = Math.max(0, h.values.length - DRY_RUN_HISTORY_MINUTES);
    return dryRun(h.values.slice(skip), h.startMs + skip * 60_000, this.o.settings, h.mix, this.o.plan?.());
  }
}
