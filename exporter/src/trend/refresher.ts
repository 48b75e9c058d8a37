import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ObservedMix, RegularSeries } from '@shadowfleet/models';
import type { TrendAnalysis } from './analyse';
import type { AnalysisRunner } from './runner';
import type { TrendSettings } from './settings';
import type { Logger } from '../logger';

/** Where a history came from, for logs and the persisted file. */
export interface SourcedHistory {
  readonly history: RegularSeries;
  /** Complexity load per minute on the same clock, when the source knows it. */
  readonly complexity?: RegularSeries;
  /** Requests per profile per hour, when the source knows users' profiles. */
  readonly mix?: readonly ObservedMix[];
  readonly source: string;
}

/** The latest analysis, as kept in memory and persisted in `<dataDir>/trend/latest.json`. */
export interface TrendSnapshot {
  readonly generatedAtMs: number;
  readonly source: string;
  readonly analysis: TrendAnalysis;
}

export interface RefresherOptions {
  readonly settings: TrendSettings;
  /** Gives the per-minute history to analyse, or undefined when there is none yet. */
  readonly history: () => Promise<SourcedHistory | undefined>;
  readonly runner: AnalysisRunner;
  readonly dataDir: string;
  readonly now?: () => number;
  readonly logger?: Logger;
  /** Delay of the first refresh after start, so start-up is not slowed; default FIRST_REFRESH_DELAY_MS. */
  readonly firstRefreshDelayMs?: number;
}

export const FIRST_REFRESH_DELAY_MS = 30_000;

export type RefreshOutcome = 'refreshed' | 'no-history' | 'failed' | 'busy';

/**
 * Refreshes the trend analysis on a schedule without blocking the service: the analysis runs in the
 * injected runner (a worker thread in the service), one at a time; the result is persisted atomically and
 * reloaded at start, so metrics have a plan right after a restart.
 */
export class TrendRefresher {
  private snapshot: TrendSnapshot | undefined;
  private timer: NodeJS.Timeout | undefined;
  private firstTimer: NodeJS.Timeout | undefined;
  private inFlight: Promise<RefreshOutcome> | undefined;
  private failuresCount = 0;
  private readonly now: () => number;


  constructor(private readonly options: RefresherOptions) {
    this.now = options.now ?? Date.now;
  }

  get file(): string {
    return path.join(this.options.dataDir, 'trend', 'latest.json');
  }

  /** The latest analysis (fresh or reloaded from disk), if any. */
  latest(): TrendSnapshot | undefined {
    return this.snapshot;
  }

  /** Refreshes that failed since start. */
  get failures(): number {
    return this.failuresCount;
  }

  /** Reloads the persisted analysis, refreshes soon and then every `refreshMinutes` (0: only reload). */
  start(): void {
    this.snapshot = this.load();
    const minutes = this.options.settings.refreshMinutes;
    if (minutes <= 0) return;
    this.firstTimer = setTimeout(() => void this.refresh(), this.options.firstRefreshDelayMs ?? FIRST_REFRESH_DELAY_MS);
    this.firstTimer.unref();
    this.timer = setInterval(() => void this.refresh(), minutes * 60_000);
    this.timer.unref();
  }

  /** Runs one refresh unless one is already running. Never rejects. */
  refresh(): Promise<RefreshOutcome> {
    if (this.inFlight) return Promise.resolve('busy');
    this.inFlight = this.refreshNow().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Stops the schedule and waits for a running refresh to finish. */
  async stop(): Promise<void> {
    clearTimeout(this.firstTimer);
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private async refreshNow(): Promise<RefreshOutcome> {
    const started = this.now();
    try {
      const sourced = await this.options.history();
      if (!sourced) {
        this.options.logger?.info('no history to forecast yet');
        return 'no-history';
      }
      const analysis = await this.options.runner(sourced.history, this.options.settings, sourced.complexity, sourced.mix);
      this.snapshot = { generatedAtMs: this.now(), source: sourced.source, analysis };
      this.persist(this.snapshot);
      this.options.logger?.info({ source: sourced.source }, `forecast and shadow fleet plan refreshed from ${sourced.source} in ${((this.now() - started) / 1000).toFixed(1)} s`);
      return 'refreshed';
    } catch (err) {
      this.failuresCount++;
      this.options.logger?.error({ err }, 'refresh failed');
      return 'failed';
    }
  }

  private persist(snapshot: TrendSnapshot): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(snapshot));
    renameSync(tmp, this.file);
  }

  private load(): TrendSnapshot | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = JSON.parse(text) as TrendSnapshot;
      if (typeof parsed.generatedAtMs === 'number' && parsed.analysis?.plan?.hours) return parsed;
    } catch {
      // fall through: a damaged file is replaced by the next refresh
    }
    this.options.logger?.warn({ file: this.file }, `ignoring unreadable ${this.file}; the next refresh replaces it`);
    return undefined;
  }
}
