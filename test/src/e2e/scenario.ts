import { NASA_MIDDAY_SLICE, NASA_NIGHT_SLICE, readNasaSlice, repeated } from './replay';
import type { IncomingEvent } from '@shadowfleet/exporter';
import { Replayer } from './forecast';
import { BASE_SERVERS, E2E_DECISION_INTERVAL_SECONDS, SHADOW_SERVERS, startScalingStack, type ScalingStack } from './stack';
import { followActivation, latestDecision, servingCapacity, waitForScaleBack, waitForScaleUpDecision, type ActivationTimeline, type LatestDecision } from './timeline';
import { waitFor } from '../support/index';

/**
 * The end-to-end scenario shared by the test (which asserts behaviour) and the `e2e` benchmark (which
 * reports timings), on real NASA requests replayed through the ingest API, with the one decision path:
 *  1. the pool model gives each server a capacity of `headroom` × the night slice's busiest 2-second step
 *     (at the night's replay speed), so the night needs the always-on server only;
 *  2. part of the night slice (02:00 onwards) warms the exporter's resource manager up;
 *  3. the midday slice (10:30–12:29, ≈4× the request rate of the night) is the surge, replayed 5× faster
 *     than the night: the manager's target rises above one host, the shipped rule ShadowfleetSetHosts
 *     fires with the target, Alertmanager calls the webhook, its HAProxy driver turns shadow servers ready
 *     and client traffic reaches them; the live serving capacity the rules compute rises with the hosts;
 *  4. the replay stops, the manager's target falls back to one host, and the shadows go back to maintenance.
 * The manager decides every E2E_DECISION_INTERVAL_SECONDS (2 s), which sets the pace.
 */
export interface ScenarioOptions {
  /** Log seconds per wall-clock second: the night slice, then the midday slice. */
  readonly nightSpeedup: number;
  readonly surgeSpeedup: number;
  /** Wall-clock seconds of the night replayed before the surge. */
  readonly nightSeconds: number;
  /** How many times the midday slice may play (the surge lasts until the pool scaled up). */
  readonly surgeRepeats: number;
  /** A server's capacity is this many times the night's busiest step. */
  readonly headroom: number;
  /** Deadline of each step (many decisions, so that a loaded machine does not fail the run). */
  readonly stepTimeoutMs: number;
}

export const DEFAULT_SCENARIO: ScenarioOptions = {
  nightSpeedup: 60,
  surgeSpeedup: 300,
  nightSeconds: 30,
  surgeRepeats: 5,
  headroom: 2.5,
  stepTimeoutMs: 180_000,
};

export interface ScenarioResult {
  /** The pool model's capacity per server (KiB per second) and the night's busiest step it came from. */
  readonly capacity: { readonly perHost: number; readonly nightBusiestStep: number };
  readonly baselineServed: Record<string, number>;
  /** The manager's decision just before the surge. */
  readonly beforeSurge: LatestDecision | undefined;
  readonly activation: ActivationTimeline;
  /** The serving capacity the rules computed before the surge and once the shadows served. */
  readonly servingCapacity: { readonly before: number | undefined; readonly during: number };
  /** Requests per server in the second after the first one reached a shadow. */
  readonly servedWhileActive: Record<string, number>;
  readonly replayStoppedAt: number;
  readonly scaleBack: { readonly decidedAt: number; readonly maintenanceAt: number };
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

/** The largest KiB of one decision step of the slice replayed at `speedup`. */
function busiestStep(events: readonly IncomingEvent[], speedup: number): number {
  const window = E2E_DECISION_INTERVAL_SECONDS * 1000 * speedup;
  const steps = new Map<number, number>();
  for (const e of events) {
    const k = Math.floor((e.timestamp - events[0].timestamp) / window);
    steps.set(k, (steps.get(k) ?? 0) + (e.bytes ?? 0) / 1024);
  }
  return Math.max(...steps.values());
}

export async function runScalingScenario(opts: ScenarioOptions = DEFAULT_SCENARIO): Promise<ScenarioResult> {
  const night = await readNasaSlice(NASA_NIGHT_SLICE);
  const midday = repeated(await readNasaSlice(NASA_MIDDAY_SLICE), opts.surgeRepeats);
  const nightBusiestStep = busiestStep(night, opts.nightSpeedup);
  const perHost = (opts.headroom * nightBusiestStep) / E2E_DECISION_INTERVAL_SECONDS;
  const stack = await startScalingStack({ hostCapacity: perHost });
  const replays: Replayer[] = [];
  try {
    const baselineServed = await servedDuring(stack, 1_000);
    const nightReplay = new Replayer(stack.exporter.url, stack.exporterToken, night, opts.nightSpeedup);
    replays.push(nightReplay);
    nightReplay.start();
    await sleep(opts.nightSeconds * 1000);
    await nightReplay.stop();
    const beforeSurge = await latestDecision(stack.exporter.url);
    const capacityBefore = await servingCapacity(stack);
    const surge = new Replayer(stack.exporter.url, stack.exporterToken, midday, opts.surgeSpeedup);
    replays.push(surge);
    surge.start();
    const decided = await waitForScaleUpDecision(stack, BASE_SERVERS.length, opts.stepTimeoutMs, () => surge.check());
    const activation = await followActivation(stack, decided, opts.stepTimeoutMs);
    const servedWhileActive = await servedDuring(stack, 1_000);
    // Once the webhook reports the new hosts (next scrape), the rules' serving capacity grows with them.
    const during = await waitFor(async () => {
      const c = await servingCapacity(stack);
      return c !== undefined && c > (capacityBefore ?? perHost) ? c : undefined;
    }, { what: 'the serving capacity the rules see to rise with the hosts', timeoutMs: opts.stepTimeoutMs, intervalMs: 250 });
    await surge.stop();
    const replayStoppedAt = Date.now();
    const scaleBack = await waitForScaleBack(stack, BASE_SERVERS.length, opts.stepTimeoutMs);
    const servedAfterScaleBack = await servedDuring(stack, 1_000);
    return {
      capacity: { perHost, nightBusiestStep },
      baselineServed,
      beforeSurge,
      activation,
      servingCapacity: { before: capacityBefore, during },
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
