import { NASA_MIDDAY_SLICE, NASA_NIGHT_SLICE, readNasaSlice, repeated } from './replay';
import { lastForecastRefresh, readForecast, Replayer, sustainedRate } from './forecast';
import { BASE_SERVERS, SHADOW_SERVERS, startScalingStack, type ScalingStack } from './stack';
import { followActivation, waitForCrossing, waitForScaleBack, type ActivationTimeline } from './timeline';
import { waitFor } from '../support/index';

/**
 * The end-to-end scenario shared by the test (which asserts behaviour) and the `e2e` benchmark (which
 * reports timings), on real NASA requests replayed through the ingest API:
 *  1. the night slice (02:00–05:59) sets the forecast's ordinary level, read at two forecast refreshes;
 *     the pool's serving capacity is set to `headroom` × the lower one and Prometheus starts with it;
 *  2. the midday slice (10:30–12:29, ≈4× the request rate of the night) is the surge, replayed 5× faster
 *     than the night (≈19× the events per wall-clock second): the exporter's forecast crosses the
 *     capacity, the shipped rule fires, Alertmanager calls the webhook, its HAProxy driver turns shadow
 *     servers ready and client traffic reaches them;
 *  3. the replay stops, the forecast falls, the alert resolves and the shadows go back to maintenance.
 * The exporter recomputes its forecast every E2E_FORECAST_REFRESH_SECONDS (5 s), which sets the pace.
 * The surge is far above the headroom on purpose: the test is about the path from forecast to hosts,
 * not about how close to the capacity the forecast can be trusted (the benchmarks measure that).
 */
export interface ScenarioOptions {
  /** Log seconds per wall-clock second: the night slice, then the midday slice. */
  readonly nightSpeedup: number;
  readonly surgeSpeedup: number;
  /** How many times the midday slice may play (the surge lasts until the forecast crosses). */
  readonly surgeRepeats: number;
  /** The serving capacity is this many times the ordinary level. */
  readonly headroom: number;
  /** Forecast refreshes read for the ordinary level, and the replay time before the first counts. */
  readonly ordinarySamples: number;
  readonly warmupMs: number;
  /** Deadline of each step (many forecast refreshes, so that a loaded machine does not fail the run). */
  readonly stepTimeoutMs: number;
}

export const DEFAULT_SCENARIO: ScenarioOptions = {
  nightSpeedup: 60,
  surgeSpeedup: 300,
  surgeRepeats: 5,
  headroom: 1.5,
  ordinarySamples: 3,
  warmupMs: 10_000,
  stepTimeoutMs: 180_000,
};

export interface ScenarioResult {
  /** The sustained forecast rate at each refresh read during the night slice. */
  readonly ordinaryRates: readonly number[];
  readonly capacity: { readonly serving: number; readonly perHost: number };
  readonly baselineServed: Record<string, number>;
  readonly activation: ActivationTimeline;
  /** Requests per server in the second after the first one reached a shadow. */
  readonly servedWhileActive: Record<string, number>;
  readonly replayStoppedAt: number;
  readonly scaleBack: { readonly resolvedAt: number; readonly maintenanceAt: number };
  readonly servedAfterScaleBack: Record<string, number>;
  readonly eventsPosted: number;
  readonly failedRequests: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function servedDuring(stack: ScalingStack, ms: number): Promise<Record<string, number>> {
  stack.probe.resetCounts();
  await sleep(ms);
  return stack.probe.snapshot().served;
}

/** The sustained forecast rate at each of the next `n` refreshes made at least `warmupMs` after `since`. */
async function ordinaryLevels(stack: ScalingStack, since: number, opts: ScenarioOptions, replay: Replayer): Promise<number[]> {
  const rates: number[] = [];
  let after = since + opts.warmupMs;
  while (rates.length < opts.ordinarySamples) {
    const sample = await waitFor(
      async () => {
        const at = await lastForecastRefresh(stack.exporter.url);
        if (at < after) return undefined;
        const rate = sustainedRate(await readForecast(stack.exporter.url));
        return rate !== undefined && rate > 0 ? { at, rate } : undefined;
      },
      { what: 'a positive complexity-load forecast from the replayed night', timeoutMs: opts.stepTimeoutMs, intervalMs: 250, abortIf: () => replay.check() },
    );
    rates.push(sample.rate);
    after = sample.at + 1;
  }
  return rates;
}

export async function runScalingScenario(opts: ScenarioOptions = DEFAULT_SCENARIO): Promise<ScenarioResult> {
  const night = await readNasaSlice(NASA_NIGHT_SLICE);
  const midday = repeated(await readNasaSlice(NASA_MIDDAY_SLICE), opts.surgeRepeats);
  const stack = await startScalingStack();
  const replays: Replayer[] = [];
  try {
    const baselineServed = await servedDuring(stack, 1_000);
    const nightReplay = new Replayer(stack.exporter.url, stack.exporterToken, night, opts.nightSpeedup);
    replays.push(nightReplay);
    const startedAt = Date.now();
    nightReplay.start();
    const ordinaryRates = await ordinaryLevels(stack, startedAt, opts, nightReplay);
    // Serving hosts take `headroom` × the (lower) ordinary level; each shadow host adds as much again.
    const serving = Math.min(...ordinaryRates) * opts.headroom;
    const capacity = { serving, perHost: serving };
    // The night ends before Prometheus starts: only the surge can cross the threshold.
    await nightReplay.stop();
    await stack.startPrometheus(capacity);
    const surge = new Replayer(stack.exporter.url, stack.exporterToken, midday, opts.surgeSpeedup);
    replays.push(surge);
    surge.start();
    const crossing = await waitForCrossing(stack, serving, opts.stepTimeoutMs, () => surge.check());
    const activation = await followActivation(stack, crossing, opts.stepTimeoutMs);
    const servedWhileActive = await servedDuring(stack, 1_000);
    await surge.stop();
    const replayStoppedAt = Date.now();
    const scaleBack = await waitForScaleBack(stack, opts.stepTimeoutMs);
    const servedAfterScaleBack = await servedDuring(stack, 1_000);
    return {
      ordinaryRates,
      capacity,
      baselineServed,
      activation,
      servedWhileActive,
      replayStoppedAt,
      scaleBack,
      servedAfterScaleBack,
      eventsPosted: nightReplay.posted + surge.posted,
      failedRequests: stack.probe.failuresSinceStart(),
    };
  } finally {
    // On a failed step the replays are still running: stop them before the servers.
    for (const r of replays) await r.stop().catch(() => undefined);
    await stack.stop();
  }
}

export { BASE_SERVERS, SHADOW_SERVERS };
