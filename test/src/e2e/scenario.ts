import { randomBytes } from 'node:crypto';
import type { IncomingEvent } from '@shadowfleet/exporter';
import { readForecast, Replayer, sustainedRate } from './forecast';
import { readNasaSlice } from './replay';
import { startExporterProcess } from './services';
import { BASE_SERVERS, SHADOW_SERVERS, startScalingStack, type ScalingStack } from './stack';
import { followActivation, waitForCrossing, waitForScaleBack, type ActivationTimeline } from './timeline';

/**
 * The end-to-end scenario shared by the test (which asserts behaviour) and the `e2e` benchmark (which
 * reports the timings): real NASA requests replayed through the ingest API raise the exporter's
 * forecast over the pool's capacity; the shipped rules fire; Alertmanager calls the webhook; the
 * webhook's HAProxy driver turns shadow servers ready; client traffic reaches them. Then the replay
 * stops, the forecast falls, and the shadows go back into maintenance.
 */
export interface ScenarioOptions {
  /** Log seconds replayed per wall-clock second. */
  readonly speedup: number;
  /** Calibration: how long to replay, then how long to wait after the replay stops, in ms. */
  readonly calibrateRiseMs: number;
  readonly calibrateFallMs: number;
  readonly stepTimeoutMs: number;
}

export const DEFAULT_SCENARIO: ScenarioOptions = { speedup: 120, calibrateRiseMs: 20_000, calibrateFallMs: 15_000, stepTimeoutMs: 60_000 };
/** Where the threshold sits between the calibrated level after the replay and its peak (0–1). */
export const THRESHOLD_POSITION = 0.5;
/** The peak must be at least this many times the level after the replay, or the scenario cannot work. */
export const MIN_PEAK_TO_FALL = 1.5;
const SAMPLE_MS = 200;

export interface Calibration {
  readonly peakRate: number;
  readonly afterRate: number;
  readonly eventsPosted: number;
}

export interface ScenarioResult {
  readonly calibration: Calibration;
  readonly capacity: { readonly serving: number; readonly perHost: number };
  readonly baselineServed: Record<string, number>;
  readonly activation: ActivationTimeline;
  /** Requests per server in the second after the first one reached a shadow. */
  readonly servedWhileActive: Record<string, number>;
  readonly replayStoppedAt: number;
  readonly scaleBack: { readonly resolvedAt: number; readonly maintenanceAt: number };
  readonly servedAfterScaleBack: Record<string, number>;
  readonly failedRequests: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Samples the sustained forecast rate every SAMPLE_MS for `ms`; returns the largest and the last value. */
async function sample(url: string, ms: number): Promise<{ max: number; last: number }> {
  let max = 0;
  let last = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const r = sustainedRate(await readForecast(url));
    if (r !== undefined) {
      max = Math.max(max, r);
      last = r;
    }
    await sleep(SAMPLE_MS);
  }
  return { max, last };
}

/**
 * Runs the same replay against a throwaway exporter (same code, own temp store) to learn the forecast
 * level the replay produces and where it settles after; the capacity is placed between the two.
 */
export async function calibrate(events: readonly IncomingEvent[], opts: ScenarioOptions): Promise<Calibration> {
  const token = randomBytes(24).toString('hex');
  const exporter = await startExporterProcess(token);
  try {
    const replay = new Replayer(exporter.url, token, events, opts.speedup);
    replay.start();
    const rise = await sample(exporter.url, opts.calibrateRiseMs);
    await replay.stop();
    const fall = await sample(exporter.url, opts.calibrateFallMs);
    return { peakRate: rise.max, afterRate: fall.last, eventsPosted: replay.posted };
  } finally {
    await exporter.stop();
  }
}

async function servedDuring(stack: ScalingStack, ms: number): Promise<Record<string, number>> {
  stack.probe.resetCounts();
  await sleep(ms);
  return stack.probe.snapshot().served;
}

export async function runScalingScenario(opts: ScenarioOptions = DEFAULT_SCENARIO): Promise<ScenarioResult> {
  const events = await readNasaSlice();
  const calibration = await calibrate(events, opts);
  if (!(calibration.peakRate > calibration.afterRate * MIN_PEAK_TO_FALL && calibration.peakRate > 0)) {
    throw new Error(
      `the replay does not move the forecast enough to test scaling: peak ${calibration.peakRate}, after ${calibration.afterRate} (need peak > ${MIN_PEAK_TO_FALL}× after)`,
    );
  }
  const serving = calibration.afterRate + THRESHOLD_POSITION * (calibration.peakRate - calibration.afterRate);
  // At the calibrated peak the excess needs both shadows.
  const perHost = (calibration.peakRate - serving) / SHADOW_SERVERS.length;
  const stack = await startScalingStack({ capacity: { serving, perHost } });
  try {
    const baselineServed = await servedDuring(stack, 1_000);
    const replay = new Replayer(stack.exporter.url, stack.exporterToken, events, opts.speedup);
    replay.start();
    const crossing = await waitForCrossing(stack, serving, opts.stepTimeoutMs, () => replay.check());
    const activation = await followActivation(stack, crossing, opts.stepTimeoutMs);
    const servedWhileActive = await servedDuring(stack, 1_000);
    await replay.stop();
    const replayStoppedAt = Date.now();
    const scaleBack = await waitForScaleBack(stack, opts.stepTimeoutMs);
    const servedAfterScaleBack = await servedDuring(stack, 1_000);
    return {
      calibration,
      capacity: { serving, perHost },
      baselineServed,
      activation,
      servedWhileActive,
      replayStoppedAt,
      scaleBack,
      servedAfterScaleBack,
      failedRequests: stack.probe.failuresSinceStart(),
    };
  } finally {
    await stack.stop();
  }
}

export { BASE_SERVERS, SHADOW_SERVERS };
