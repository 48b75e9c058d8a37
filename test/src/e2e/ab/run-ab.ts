import { randomBytes } from 'node:crypto';
import { armLabel, type AdaptiveStrategy, type ReplayTuner, type SimConfig, type Strategy } from '@shadowfleet/models';
import path from 'node:path';
import { feedback, readTraceFile, sampleDataDir } from '@shadowfleet/exporter';
import { Cleanup } from '../../support/index';
import { NASA_MIDDAY_SLICE, NASA_NIGHT_SLICE, readNasaSlice } from '../replay';
import { PoolDriver, startAbHaproxy } from './ab-haproxy';
import { armStrategy } from './arm-strategies';
import { freeUdpPort, startKpiExporter } from './exporter-process';
import { HttpReplay, type ReplayTally } from './http-replay';
import { fixedStrategy, LiveArm, perMinute, type ArmMinute } from './live-arm';
import { startPoolWorkers } from './pool-workers';
import { bareVerdict, fetchExperiments, fetchKpis, scoreSegment, type BackendKpis, type ExperimentSpec, type ExperimentView, type SegmentRecord } from './segments';
import { DEFAULT_AB_OPTIONS, POOLS, type AbLiveOptions } from './options';

export { DEFAULT_AB_OPTIONS, POOLS, type AbLiveOptions };

/** What one arm did over the whole live run. */
export interface ArmResult {
  readonly strategy: string;
  /** The strategy in force at the end (differs when the arm was stopped and handed to control's). */
  readonly finalStrategy: string;
  readonly kpis: BackendKpis | undefined;
  /** Requests HAProxy counted for the pool (req_tot), and host-minutes its fleet cost. */
  readonly requests: number;
  readonly cost: number;
  readonly costPer100Requests: number;
  readonly meanServing: number;
  readonly minutes: readonly ArmMinute[];
  /** HAProxy's servers taking traffic (`show stat`) sampled at each minute's end, against the ledger. */
  readonly haproxyActive: readonly number[];
  /** 5xx answers HAProxy counted for the pool (503: a request waited longer than the queue timeout). */
  readonly responses5xx: number;
  /** A tuner's choice per segment (history and live), as armLabel strings. */
  readonly tunerChoices?: readonly string[];
}

/** The settings a tuner (adaptive, replay-tuned) ran per segment, or undefined for other strategies. */
function tunerChoices(s: Strategy): string[] | undefined {
  const t = s as Partial<ReplayTuner> & Partial<AdaptiveStrategy>;
  if (t.arms && t.chosen) return t.chosen.map((i) => armLabel(t.arms![i]));
  if (t.arms && t.segments) return t.segments.map((seg) => seg.label);
  return undefined;
}

export interface AbLiveResult {
  readonly options: AbLiveOptions;
  readonly fixedHosts: number;
  readonly arms: Record<string, ArmResult>;
  readonly segments: readonly SegmentRecord[];
  readonly experiments: Record<string, ExperimentView>;
  readonly experimentSpecs: readonly ExperimentSpec[];
  /** Segment after which each stopped experiment was stopped. */
  readonly stoppedAfterSegment: Record<string, number>;
  readonly tally: ReplayTally;
  readonly wallSeconds: number;
}

/** NASA requests per minute, 1–15 July 1995 (data/samples). */
const NASA_JULY_RATES = path.join(sampleDataDir, 'nasa-http-rate-2weeks', 'nasa_1995-07-01_to_15_requests_per_minute.csv.gz');

const sleepUntil = (at: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

/**
 * The live A/B test on real parts: three pools behind a real HAProxy — control (`hpa` by default),
 * treatment (`tiered`) and a fixed pool sized for the night's mean — each driven minute by minute by
 * its strategy through HAProxy's runtime API, under the NASA midday requests replayed through the
 * load balancer (the strategies have seen the night and the first midday minutes offline) (log time compressed `speedup` times; a log minute is one strategy minute). The
 * exporter turns HAProxy's log lines into KPIs per pool; every `segmentMinutes` the matched segment
 * (cost per 100 requests, 1 − Apdex) goes to POST /v1/experiments/:id/segments, the verdicts come back
 * from GET /v1/experiments, and an experiment stopped for SLO harm hands its pool to control's strategy.
 */
export async function runLiveAb(opts: AbLiveOptions = DEFAULT_AB_OPTIONS): Promise<AbLiveResult> {
  const started = Date.now();
  const tickMs = 60_000 / opts.speedup;
  const night = await readNasaSlice(NASA_NIGHT_SLICE);
  const middayAll = await readNasaSlice(NASA_MIDDAY_SLICE);
  // History: the night, then the first warm-up minutes of midday (offline, so that no arm meets the
  // 4.5 hours the two slices skip as a live jump); live: the next `liveMinutes` of midday.
  const liveStart = middayAll[0].timestamp + opts.warmMiddayMinutes * 60_000;
  const liveEnd = liveStart + opts.liveMinutes * 60_000;
  if (liveEnd > middayAll[middayAll.length - 1].timestamp + 60_000) {
    throw new RangeError(`warmMiddayMinutes + liveMinutes must fit the 120 minutes of the midday slice, got ${opts.warmMiddayMinutes} + ${opts.liveMinutes}`);
  }
  const midday = middayAll.filter((e) => e.timestamp >= liveStart && e.timestamp < liveEnd);
  const share = 1 / POOLS.length;
  const nightMinutes = perMinute(night.map((e) => e.timestamp), share);
  // Before those, the last `historyDays` of the bundled July per-minute NASA rates (the manager's
  // forecaster calibrates its intervals on a week of errors, as it would in production).
  const july = opts.historyDays > 0 ? Array.from(readTraceFile(NASA_JULY_RATES).requests).slice(-opts.historyDays * 1440) : [];
  const warm = [...july.map((r) => r * share), ...nightMinutes, ...perMinute(middayAll.filter((e) => e.timestamp < liveStart).map((e) => e.timestamp), share)];
  const config: SimConfig = { capacity: opts.capacityPerHost, coldStart: opts.coldStartMinutes, shadowActivation: opts.shadowActivationMinutes, shadowCost: opts.shadowCost };
  const fixedHosts = Math.max(1, Math.ceil(nightMinutes.reduce((a, b) => a + b, 0) / nightMinutes.length / config.capacity));
  const maxMinutes = warm.length + opts.liveMinutes + 2;
  const arms: Record<string, LiveArm> = {
    [POOLS[0]]: new LiveArm(POOLS[0], armStrategy(opts.control, opts), config, maxMinutes),
    [POOLS[1]]: new LiveArm(POOLS[1], armStrategy(opts.treatment, opts), config, maxMinutes),
    [POOLS[2]]: new LiveArm(POOLS[2], fixedStrategy(fixedHosts), config, maxMinutes),
  };
  for (const arm of Object.values(arms)) arm.warm(warm);
  const specs: ExperimentSpec[] = [
    { id: 'live-treatment', name: `live: ${opts.treatment} vs ${opts.control} (NASA midday)`, control: POOLS[0], treatment: POOLS[1], sloMargin: opts.sloMargin, minSegments: opts.minSegments },
    { id: 'live-fixed', name: `live: fixed ${fixedHosts} host(s) vs ${opts.control} (NASA midday)`, control: POOLS[0], treatment: POOLS[2], sloMargin: opts.sloMargin, minSegments: opts.minSegments },
  ];

  const cleanup = new Cleanup();
  try {
    const workers = [];
    for (const p of POOLS) {
      const w = await startPoolWorkers(p, opts.hostsPerPool, opts.serviceMs);
      cleanup.add(`pool ${p}`, w.stop);
      workers.push(w);
    }
    const syslogPort = await freeUdpPort();
    const lb = await startAbHaproxy({ pools: workers.map((w) => ({ backend: w.pool, addresses: w.addresses })), syslogPort, queueTimeoutMs: opts.queueTimeoutMs });
    cleanup.add('haproxy', lb.stop);
    const exporter = await startKpiExporter({
      token: randomBytes(24).toString('hex'),
      syslogPort,
      statsSocket: lb.socketPath,
      apdexThresholdMs: opts.apdexThresholdMs,
      kpiWindowSeconds: Math.ceil((opts.liveMinutes * tickMs) / 1000) + 600,
    });
    cleanup.add('exporter', exporter.stop);
    const drivers = Object.fromEntries(POOLS.map((p) => [p, new PoolDriver(lb, p, opts.hostsPerPool)]));
    const readStats = async (): Promise<Record<string, feedback.BackendStats>> =>
      Object.fromEntries(feedback.backendStats(feedback.parseShowStat(await feedback.readShowStat(lb.socketPath))).map((b) => [b.backend, b]));

    const haproxyActive: Record<string, number[]> = Object.fromEntries(POOLS.map((p) => [p, []]));
    for (const p of POOLS) await drivers[p].apply(arms[p].begin());
    let last = await readStats();
    const replay = new HttpReplay(lb.url, midday, opts.speedup);
    cleanup.add('replay', () => replay.stop());
    const t0 = Date.now();
    let lastAt = t0;
    replay.start(t0);
    const segments: SegmentRecord[] = [];
    const stopped = new Set<string>();
    const stoppedAfterSegment: Record<string, number> = {};
    let scoring: Promise<void> = Promise.resolve();
    let scoringError: Error | undefined;
    for (let minute = 1; minute <= opts.liveMinutes; minute++) {
      if (scoringError) throw scoringError;
      await sleepUntil(t0 + minute * tickMs);
      const stats = await readStats();
      const now = Date.now();
      for (const p of POOLS) {
        // Requests of this minute, scaled to a full minute when the timer fired late.
        const counted = stats[p].requestsTotal - last[p].requestsTotal;
        haproxyActive[p].push(stats[p].activeServers);
        arms[p].end((counted * tickMs) / Math.max(1, now - lastAt));
        if (minute < opts.liveMinutes) await drivers[p].apply(arms[p].begin());
      }
      last = stats;
      lastAt = now;
      if (minute % opts.segmentMinutes === 0) {
        const seg = { segment: minute / opts.segmentMinutes, from: t0 + (minute - opts.segmentMinutes) * tickMs, to: t0 + minute * tickMs, firstMinute: minute - opts.segmentMinutes, lastMinute: minute };
        // Scored off the minute loop (the log lines of the segment's last requests arrive a moment later).
        scoring = scoring.then(async () => {
          await sleepUntil(seg.to + opts.logGraceMs);
          const record = await scoreSegment(exporter, arms, specs, stopped, seg);
          segments.push(record);
          for (const e of specs) {
            if (!stopped.has(e.id) && bareVerdict({ id: e.id, verdict: record.verdicts[e.id], metrics: [] }) === 'stopped_slo_harm') {
              stopped.add(e.id);
              stoppedAfterSegment[e.id] = seg.segment;
              arms[e.treatment].replaceStrategy(armStrategy(opts.control, opts), opts.tunerWarmupMinutes);
            }
          }
        }).catch((err: Error) => void (scoringError ??= err));
      }
    }
    await replay.stop();
    const final = feedback.parseShowStat(await feedback.readShowStat(lb.socketPath));
    const fivexx = (p: string): number => Number(final.find((row) => row.pxname === p && row.svname === 'BACKEND')?.hrsp_5xx ?? NaN);
    await scoring;
    if (scoringError) throw scoringError;
    const tEnd = t0 + opts.liveMinutes * tickMs;
    const overall = await fetchKpis(exporter, t0, tEnd + opts.logGraceMs);
    const experiments = await fetchExperiments(exporter);
    const result: Record<string, ArmResult> = {};
    for (const p of POOLS) {
      const m = arms[p].minutes;
      const cost = m.reduce((s, r) => s + r.cost, 0);
      const requests = m.reduce((s, r) => s + r.requests, 0);
      result[p] = {
        strategy: m[0]?.strategy ?? arms[p].strategyName,
        finalStrategy: arms[p].strategyName,
        kpis: overall[p],
        requests,
        cost,
        costPer100Requests: (100 * cost) / Math.max(1, requests),
        meanServing: m.reduce((s, r) => s + r.serving, 0) / Math.max(1, m.length),
        minutes: m,
        haproxyActive: haproxyActive[p],
        responses5xx: fivexx(p),
        tunerChoices: tunerChoices(arms[p].strategyInCharge),
      };
    }
    return { options: opts, fixedHosts, arms: result, segments, experiments, experimentSpecs: specs, stoppedAfterSegment, tally: replay.tally(), wallSeconds: (Date.now() - started) / 1000 };
  } finally {
    await cleanup.run();
  }
}
