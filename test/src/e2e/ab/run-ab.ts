import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { experiments, feedback, readTraceFile, replay as replayKit, sampleDataDir } from '@shadowfleet/exporter';
import { Cleanup } from '../../support/index';
import { NASA_MIDDAY_SLICE, NASA_NIGHT_SLICE, readNasaSlice } from '../replay';
import { startAbHaproxy } from './ab-haproxy';
import { startAbWebhook } from './ab-webhook';
import { freeUdpPort, startKpiExporter } from './exporter-process';
import { measureHostThroughput, startPoolWorkers } from './pool-workers';
import { DEFAULT_AB_OPTIONS, POOLS, type AbLiveOptions } from './options';

export { DEFAULT_AB_OPTIONS, POOLS, type AbLiveOptions };

/** What one arm did over the whole live run (the product runner's result) and the 5xx HAProxy counted for it. */
export interface ArmResult extends experiments.LiveArmResult {
  /** 5xx answers HAProxy counted for the pool (503: a request waited longer than the queue timeout). */
  readonly responses5xx: number;
}

/** The hosts' capacity as measured before the run, and what the strategies plan with. */
export interface Calibration {
  /** Requests per wall-clock second one host served back to back. */
  readonly hostRequestsPerSecond: number;
  /** C: requests per strategy minute one host is planned for (utilisation × measured). */
  readonly capacityPerHost: number;
}

export interface AbLiveResult {
  readonly options: AbLiveOptions;
  readonly calibration: Calibration;
  readonly fixedHosts: number;
  readonly arms: Record<string, ArmResult>;
  readonly segments: readonly experiments.SegmentRecord[];
  readonly experiments: Record<string, experiments.ExperimentResult>;
  readonly experimentSpecs: readonly experiments.ExperimentSpec[];
  /** Segment after which each stopped experiment was stopped. */
  readonly stoppedAfterSegment: Record<string, number>;
  readonly tally: replayKit.ReplayTally;
  readonly wallSeconds: number;
}

/** NASA requests per minute, 1–15 July 1995 (data/samples). */
const NASA_JULY_RATES = path.join(sampleDataDir, 'nasa-http-rate-2weeks', 'nasa_1995-07-01_to_15_requests_per_minute.csv.gz');

/**
 * The live A/B test on real parts, run by the product's runner (exporter/src/experiments,
 * `shadowfleet experiment live`): three pools behind a real HAProxy — control (`hpa` by default),
 * treatment (`tiered`) and a fixed pool sized for the night's mean — each driven minute by minute by
 * its strategy through the webhook (`set_hosts` set-points; its haproxy driver, the code that scales
 * production, sets the servers), with host capacity calibrated from a measured host, under the NASA midday requests replayed through the
 * load balancer (the strategies have seen the night and the first midday minutes offline; log time
 * compressed `speedup` times, a log minute is one strategy minute). The exporter turns HAProxy's log
 * lines into KPIs per pool; every `segmentMinutes` the matched segment (cost per 100 requests,
 * 1 − Apdex) goes to POST /v1/experiments/:id/segments, the verdicts come back from
 * GET /v1/experiments, and an experiment stopped for SLO harm hands its pool to control's strategy.
 * This harness only starts the parts (workers, HAProxy, webhook, exporter), replays the traffic and collects
 * what the clients and HAProxy saw.
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
  const nightMinutes = experiments.perMinute(night.map((e) => e.timestamp), share);
  // Before those, the last `historyDays` of the bundled July per-minute NASA rates (the manager's
  // forecaster calibrates its intervals on a week of errors, as it would in production).
  const july = opts.historyDays > 0 ? Array.from(readTraceFile(NASA_JULY_RATES).requests).slice(-opts.historyDays * 1440) : [];
  const warm = [...july.map((r) => r * share), ...nightMinutes, ...experiments.perMinute(middayAll.filter((e) => e.timestamp < liveStart).map((e) => e.timestamp), share)];
  const servers = Array.from({ length: opts.hostsPerPool }, (_, i) => `h${i + 1}`);
  const where = '(NASA midday)';
  const cleanup = new Cleanup();
  try {
    const workers = [];
    for (const p of POOLS) {
      const w = await startPoolWorkers(p, opts.hostsPerPool, opts.serviceMs);
      cleanup.add(`pool ${p}`, w.stop);
      workers.push(w);
    }
    // Capacity from the hosts: one host's measured throughput, in requests per strategy minute, at the planned utilisation.
    const hostRequestsPerSecond = await measureHostThroughput(workers[0].addresses[0], opts.calibrationRequests);
    const capacityPerHost = opts.hostUtilisation * hostRequestsPerSecond * (tickMs / 1000);
    const calibration: Calibration = { hostRequestsPerSecond, capacityPerHost };
    const fixedHosts = Math.max(1, Math.ceil(nightMinutes.reduce((a, b) => a + b, 0) / nightMinutes.length / capacityPerHost));
    const syslogPort = await freeUdpPort();
    const lb = await startAbHaproxy({ pools: workers.map((w) => ({ backend: w.pool, addresses: w.addresses })), syslogPort, queueTimeoutMs: opts.queueTimeoutMs });
    cleanup.add('haproxy', lb.stop);
    // The webhook scales every arm's pool with its haproxy driver, from the pool model it reads (poolsFile).
    const webhook = await startAbWebhook(
      POOLS.map((pool) => ({ pool, servers })),
      lb.socketPath,
      {
        hostCapacityPerSecond: opts.hostUtilisation * hostRequestsPerSecond,
        coldStartSeconds: (opts.coldStartMinutes * tickMs) / 1000,
        activationSeconds: (opts.shadowActivationMinutes * tickMs) / 1000,
        standbyCost: opts.shadowCost,
      },
    );
    cleanup.add('webhook', webhook.stop);
    const exporter = await startKpiExporter({
      token: randomBytes(24).toString('hex'),
      syslogPort,
      statsSocket: lb.socketPath,
      apdexThresholdMs: opts.apdexThresholdMs,
      kpiWindowSeconds: Math.ceil((opts.liveMinutes * tickMs) / 1000) + 600,
    });
    cleanup.add('exporter', exporter.stop);
    // The product runner, configured as an operator would (the schema checks every field).
    const config = experiments.parseLiveExperimentConfig({
      haproxy_socket: lb.socketPath,
      webhook: { url: webhook.url },
      pools_file: webhook.poolsFile,
      exporter: { url: exporter.url },
      arms: [
        { pool: POOLS[0], strategy: opts.control },
        { pool: POOLS[1], strategy: opts.treatment },
        { pool: POOLS[2], strategy: 'fixed', hosts: fixedHosts },
      ],
      experiments: [
        { id: 'live-treatment', name: `live: ${opts.treatment} vs ${opts.control} ${where}`, control: POOLS[0], treatment: POOLS[1] },
        { id: 'live-fixed', name: `live: fixed ${fixedHosts} host(s) vs ${opts.control} ${where}`, control: POOLS[0], treatment: POOLS[2] },
      ],
      capacity_per_host: capacityPerHost,
      cold_start_minutes: opts.coldStartMinutes,
      shadow_activation_minutes: opts.shadowActivationMinutes,
      shadow_cost: opts.shadowCost,
      minutes: opts.liveMinutes,
      segment_minutes: opts.segmentMinutes,
      min_segments: opts.minSegments,
      slo_margin: opts.sloMargin,
      minute_ms: tickMs,
      log_grace_ms: opts.logGraceMs,
      tuner_segment_minutes: opts.tunerSegmentMinutes,
      tuner_warmup_minutes: opts.tunerWarmupMinutes,
    });
    const replay = new replayKit.HttpReplay(lb.url, midday, opts.speedup);
    cleanup.add('replay', () => replay.stop());
    const run = await experiments.runLiveExperiment(config, { token: exporter.token, webhookToken: webhook.token, history: warm, onStart: (t0) => replay.start(t0) });
    await replay.stop();
    const final = feedback.parseShowStat(await feedback.readShowStat(lb.socketPath));
    const fivexx = (p: string): number => Number(final.find((row) => row.pxname === p && row.svname === 'BACKEND')?.hrsp_5xx ?? NaN);
    const arms = Object.fromEntries(POOLS.map((p) => [p, { ...run.arms[p], responses5xx: fivexx(p) }]));
    return {
      options: opts,
      calibration,
      fixedHosts,
      arms,
      segments: run.segments,
      experiments: run.experiments,
      experimentSpecs: run.experimentSpecs,
      stoppedAfterSegment: run.stoppedAfterSegment,
      tally: replay.tally(),
      wallSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    await cleanup.run();
  }
}
