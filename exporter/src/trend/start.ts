import path from 'node:path';
import type { Registry } from 'prom-client';
import { DAY_MS, MINUTE_MS, type ComplexityBasis, type RegularSeries } from '@shadowfleet/models';
import type { Started } from '../lifecycle';
import type { Logger } from '../logger';
import { sampleDataDir } from '../paths';
import type { EventStore } from '../store/types';
import { historyFromStore, historyFromTraceFile } from './history';
import { registerTrendMetrics } from './metrics';
import { TrendRefresher, type SourcedHistory } from './refresher';
import { defaultRunner, type AnalysisRunner } from './runner';
import { loadTrendSettings, type TrendSettings } from './settings';

/** The bundled 15-day NASA per-minute slice: the demo's history when the store has too little. */
export const SAMPLE_HISTORY = path.join(sampleDataDir, 'nasa-http-rate-2weeks', 'nasa_1995-07-01_to_15_requests_per_minute.csv.gz');

/** Least history (days) the store must hold before it is forecast instead of the demo sample. */
export const MIN_STORE_HISTORY_DAYS = 2;

export interface TrendContext {
  readonly config: { readonly dataDir: string; readonly trendSettings?: string; readonly importSamples?: boolean };
  readonly registry: Registry;
  readonly store: EventStore;
  readonly now?: () => number;
  readonly logger?: Logger;
  readonly runner?: AnalysisRunner;
  /** Settings the pool model fixes for the plan (its first pool's templates, cold start, capacity per host). */
  readonly fromPoolModel?: Partial<Pick<TrendSettings, 'templates' | 'coldStartMinutes' | 'capacityPerHost'>>;
  /** The pool model's complexity unit as an event field (models/src/pools UNIT_BASIS); default bytes (KiB). */
  readonly basis?: ComplexityBasis;
  /** Users' profile names (from the profiles module): the plan splits standby hosts by the observed mix. */
  readonly profileNameOf?: (userId: string) => string | undefined;
}

/**
 * Shifts a series by whole days so that it ends at or less than a day before `nowMs`: the time of day is
 * kept (the weekday is not), and the forecast that follows covers the coming days.
 */
export function shiftToNow(series: RegularSeries, nowMs: number): RegularSeries {
  const endMs = series.startMs + series.values.length * series.stepMs;
  const days = Math.floor((nowMs - endMs) / DAY_MS);
  return { ...series, startMs: series.startMs + days * DAY_MS };
}

/**
 * Where the history comes from, in order: the settings' `historyFile`; the store's requests per minute over
 * the last `maxHistoryDays` (once it spans MIN_STORE_HISTORY_DAYS); else, when bundled samples are on (the
 * demo defaults), the NASA sample shifted by whole days to end now, and the logs say so.
 */
export function historySource(ctx: TrendContext, settings: TrendSettings): () => Promise<SourcedHistory | undefined> {
  const now = ctx.now ?? Date.now;
  return async () => {
    if (settings.historyFile) return { history: historyFromTraceFile(settings.historyFile), source: settings.historyFile };
    const stored = await historyFromStore(ctx.store, now(), settings.maxHistoryDays, ctx.basis ?? 'bytes', ctx.profileNameOf);
    if (stored && stored.requests.values.length * MINUTE_MS >= MIN_STORE_HISTORY_DAYS * DAY_MS) {
      return { history: stored.requests, complexity: stored.complexity, mix: stored.mix, source: 'store' };
    }
    if (ctx.config.importSamples === false) return undefined;
    return { history: shiftToNow(historyFromTraceFile(SAMPLE_HISTORY), now()), source: 'bundled NASA sample (demo; shifted by whole days to end now)' };
  };
}

/** Starts the trend refresh and its metrics; close() ends the schedule and waits for a running refresh. */
export function startTrend(ctx: TrendContext): Started<TrendRefresher> {
  // What the pool model says (templates, cold start, capacity) wins; server.ts has checked the two agree.
  const settings = Object.freeze({ ...loadTrendSettings(ctx.config.trendSettings), ...ctx.fromPoolModel });
  const refresher = new TrendRefresher({
    settings,
    history: historySource(ctx, settings),
    runner: ctx.runner ?? defaultRunner(),
    dataDir: ctx.config.dataDir,
    now: ctx.now,
    logger: ctx.logger?.child({ component: 'trend' }),
  });
  registerTrendMetrics(ctx.registry, refresher, ctx.now);
  refresher.start();
  return { service: refresher, close: () => refresher.stop() };
}
