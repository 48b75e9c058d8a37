import type { SimConfig } from '@shadowfleet/models';
import { backendStats, haproxyCommand, parseShowStat, type BackendStats } from '../feedback/haproxy-stats';
import { armStrategy, tunerChoices } from './arm-strategy';
import { experimentsOf, type LiveExperimentConfig } from './config';
import { bareVerdict, ExporterClient, type BackendKpis, type ExperimentResult } from './exporter-client';
import { LiveArm, type ArmMinute } from './live-arm';
import { PoolDriver } from './pool-driver';
import { checkExporter, checkHaproxy } from './preflight';
import { scoreSegment, type ExperimentSpec, type SegmentRecord } from './segments';

export interface LiveRunOptions {
  /** The exporter's bearer token (segment posts change its state). */
  readonly token: string;
  /** Each pool's past requests per minute, oldest first: the strategies' history, played offline first. */
  readonly history?: readonly number[];
  /** Called when the first live minute begins (epoch ms), e.g. to start a replay in step with it. */
  readonly onStart?: (startedAt: number) => void;
  /** Progress lines: each segment's verdicts, each stop. */
  readonly log?: (line: string) => void;
  /** Ends the run after the current minute (the segments scored so far and the verdicts are returned). */
  readonly signal?: AbortSignal;
}

/** What one arm did over the live run. */
export interface LiveArmResult {
  readonly backend: string;
  readonly strategy: string;
  /** The strategy in force at the end (control's when the arm was stopped for harming the SLO). */
  readonly finalStrategy: string;
  /** KPIs over the whole run (GET /v1/kpis). */
  readonly kpis: BackendKpis | undefined;
  /** Requests HAProxy counted for the pool (req_tot) and the host-minutes its fleet cost. */
  readonly requests: number;
  readonly cost: number;
  readonly costPer100Requests: number;
  readonly meanServing: number;
  readonly minutes: readonly ArmMinute[];
  /** Servers taking traffic per `show stat` at each minute's end, to compare with the ledger's serving hosts. */
  readonly haproxyActive: readonly number[];
  /** A tuner's choice per segment (history and live), as armLabel strings. */
  readonly tunerChoices?: readonly string[];
}

export interface LiveRunResult {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly minutesRun: number;
  readonly aborted: boolean;
  readonly arms: Record<string, LiveArmResult>;
  readonly segments: readonly SegmentRecord[];
  readonly experimentSpecs: readonly ExperimentSpec[];
  /** The verdicts at the end, from GET /v1/experiments. */
  readonly experiments: Record<string, ExperimentResult>;
  /** Segment after which each stopped experiment was stopped. */
  readonly stoppedAfterSegment: Record<string, number>;
}

const sleepUntil = (at: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, at - Date.now()));
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * The live A/B runner: each arm's strategy drives its HAProxy backend minute by minute through the
 * simulator's fleet books (LiveArm), applied with `set server … state ready|maint`; the requests per
 * minute come from `show stat`, the KPIs per backend from the exporter (HAProxy's log lines); every
 * `segment_minutes` the matched segment (cost per 100 requests, 1 − Apdex) is posted to each
 * experiment and the verdicts read back. An experiment stopped for SLO harm hands its treatment pool
 * to the control arm's strategy. Refuses to start unless HAProxy and the exporter pass the checks.
 */
export async function runLiveExperiment(c: LiveExperimentConfig, opts: LiveRunOptions): Promise<LiveRunResult> {
  if (!opts.token) throw new Error('exporter token: required for POST /v1/experiments/:id/segments (--token, SHADOWFLEET_AUTH_TOKEN or exporter.token_file)');
  const exporter = new ExporterClient(c.exporter.url, opts.token);
  await checkHaproxy(c.haproxy_socket, c.arms);
  await checkExporter(exporter, opts.token);
  const log = opts.log ?? ((): void => undefined);
  const tuner = { tunerSegmentMinutes: c.tuner_segment_minutes, tunerWarmupMinutes: c.tuner_warmup_minutes };
  const sim: SimConfig = { capacity: c.capacity_per_host, coldStart: c.cold_start_minutes, shadowActivation: c.shadow_activation_minutes, shadowCost: c.shadow_cost };
  const history = opts.history ?? [];
  const byBackend = Object.fromEntries(c.arms.map((a) => [a.backend, a]));
  const arms: Record<string, LiveArm> = {};
  const drivers: Record<string, PoolDriver> = {};
  for (const a of c.arms) {
    arms[a.backend] = new LiveArm(a.backend, armStrategy(a.strategy, tuner, a.hosts), sim, history.length + c.minutes + 2);
    arms[a.backend].warm(history);
    drivers[a.backend] = new PoolDriver(c.haproxy_socket, a.backend, a.servers);
  }
  const specs: ExperimentSpec[] = experimentsOf(c).map((e) => ({ ...e, sloMargin: c.slo_margin, minSegments: c.min_segments }));
  const readStats = async (): Promise<Record<string, BackendStats>> =>
    Object.fromEntries(backendStats(parseShowStat(await haproxyCommand(c.haproxy_socket, 'show stat'))).map((b) => [b.backend, b]));

  const backends = c.arms.map((a) => a.backend);
  const haproxyActive: Record<string, number[]> = Object.fromEntries(backends.map((b) => [b, []]));
  for (const b of backends) await drivers[b].apply(arms[b].begin());
  let last = await readStats();
  const t0 = Date.now();
  let lastAt = t0;
  opts.onStart?.(t0);
  const segments: SegmentRecord[] = [];
  const stopped = new Set<string>();
  const stoppedAfterSegment: Record<string, number> = {};
  let scoring: Promise<void> = Promise.resolve();
  let scoringError: Error | undefined;
  let minutesRun = 0;
  for (let minute = 1; minute <= c.minutes; minute++) {
    if (scoringError) throw scoringError;
    await sleepUntil(t0 + minute * c.minute_ms, opts.signal);
    const stats = await readStats();
    const now = Date.now();
    for (const b of backends) {
      if (!stats[b]) throw new Error(`HAProxy's show stat has no backend ${b} any more (reloaded with another config?)`);
      // Requests of this minute, scaled to a full minute when the timer fired late (or early, when aborted).
      const counted = stats[b].requestsTotal - last[b].requestsTotal;
      haproxyActive[b].push(stats[b].activeServers);
      arms[b].end(Math.max(0, (counted * c.minute_ms) / Math.max(1, now - lastAt)));
      if (minute < c.minutes && !opts.signal?.aborted) await drivers[b].apply(arms[b].begin());
    }
    last = stats;
    lastAt = now;
    minutesRun = minute;
    if (opts.signal?.aborted) break;
    if (minute % c.segment_minutes === 0) {
      const seg = { segment: minute / c.segment_minutes, from: t0 + (minute - c.segment_minutes) * c.minute_ms, to: t0 + minute * c.minute_ms, firstMinute: minute - c.segment_minutes, lastMinute: minute };
      // Scored off the minute loop: the log lines of the segment's last requests arrive a moment later.
      scoring = scoring
        .then(async () => {
          await sleepUntil(seg.to + c.log_grace_ms);
          const record = await scoreSegment(exporter, arms, specs, stopped, seg);
          segments.push(record);
          const noKpis = backends.filter((b) => !record.arms[b]);
          if (noKpis.length > 0) log(`segment ${seg.segment}: no requests logged for ${noKpis.join(', ')} (is HAProxy's KPI log line reaching the exporter?); skipped ${record.skipped.join(', ') || 'nothing'}`);
          log(`segment ${seg.segment}: ${specs.map((e) => `${e.id} ${record.verdicts[e.id]}`).join(', ')}`);
          for (const e of specs) {
            if (stopped.has(e.id) || bareVerdict({ id: e.id, verdict: record.verdicts[e.id], metrics: [] }) !== 'stopped_slo_harm') continue;
            stopped.add(e.id);
            stoppedAfterSegment[e.id] = seg.segment;
            const control = byBackend[e.control];
            arms[e.treatment].replaceStrategy(armStrategy(control.strategy, tuner, control.hosts), c.tuner_warmup_minutes);
            log(`${e.id}: stopped for harming the SLO; ${e.treatment} now runs ${control.strategy}`);
          }
        })
        .catch((err: Error) => void (scoringError ??= err));
    }
  }
  await scoring;
  if (scoringError) throw scoringError;
  const tEnd = t0 + minutesRun * c.minute_ms;
  const overall = minutesRun > 0 ? await exporter.kpis(t0, tEnd + c.log_grace_ms) : {};
  const experiments = await exporter.experiments();
  const result: Record<string, LiveArmResult> = {};
  for (const b of backends) {
    const m = arms[b].minutes;
    const cost = m.reduce((s, r) => s + r.cost, 0);
    const requests = m.reduce((s, r) => s + r.requests, 0);
    result[b] = {
      backend: b,
      strategy: m[0]?.strategy ?? arms[b].strategyName,
      finalStrategy: arms[b].strategyName,
      kpis: overall[b],
      requests,
      cost,
      costPer100Requests: (100 * cost) / Math.max(1, requests),
      meanServing: m.reduce((s, r) => s + r.serving, 0) / Math.max(1, m.length),
      minutes: m,
      haproxyActive: haproxyActive[b],
      tunerChoices: tunerChoices(arms[b].strategyInCharge),
    };
  }
  const ownExperiments = Object.fromEntries(specs.filter((e) => experiments[e.id]).map((e) => [e.id, experiments[e.id]]));
  return { startedAt: t0, endedAt: tEnd, minutesRun, aborted: opts.signal?.aborted ?? false, arms: result, segments, experimentSpecs: specs, experiments: ownExperiments, stoppedAfterSegment };
}
