import type { SimConfig } from '@shadowfleet/models';
import { backendStats, haproxyCommand, parseShowStat, type BackendStats } from '../feedback/haproxy-stats';
import { abPathDelay, armActuationDelay, type ArmActuationDelay } from './arm-delay';
import { ArmHosts } from './arm-hosts';
import { armStrategy, tierOf, tunerChoices, type TunerSettings } from './arm-strategy';
import { backendOf, checkArmPools, experimentsOf, type LiveExperimentConfig } from './config';
import { bareVerdict, ExporterClient, type BackendKpis, type ExperimentResult } from './exporter-client';
import { LiveArm, type ArmMinute } from './live-arm';
import { predictArm, type SimulatedArm } from './prediction';
import { checkExporter, checkHaproxy } from './preflight';
import { scoreSegment, type ExperimentSpec, type SegmentRecord } from './segments';
import { WebhookClient, type SetPointAnswer } from './webhook-client';
import { silentProgress, type Progress } from '../progress';

export interface LiveRunOptions {
  /** The exporter's bearer token (segment posts change its state). */
  readonly token: string;
  /** The webhook's bearer token (set-points scale the arms' pools). */
  readonly webhookToken: string;
  /** How long the pools may take to reach their first set-points before the run starts (default 60 s). */
  readonly settleMs?: number;
  /** Each pool's past requests per minute, oldest first: the strategies' history, played offline first. */
  readonly history?: readonly number[];
  /** Called when the first live minute begins (epoch ms), e.g. to start a replay in step with it. */
  readonly onStart?: (startedAt: number) => void;
  /** Progress: each segment's verdicts, each stop; a skipped set-point is a warning (docs/cli.md). */
  readonly progress?: Progress;
  /** Ends the run after the current minute (the segments scored so far and the verdicts are returned). */
  readonly signal?: AbortSignal;
}

/** A set-point the runner sent for an arm, at the start of a live minute (0: before the run), and the webhook's answer. */
export interface ArmSetPoint extends SetPointAnswer {
  readonly minute: number;
}

/** What one arm did over the live run. */
export interface LiveArmResult {
  readonly pool: string;
  readonly backend: string;
  readonly strategy: string;
  /** The strategy in force at the end (control's when the arm was stopped for harming the SLO). */
  readonly finalStrategy: string;
  /** KPIs over the whole run (GET /v1/kpis). */
  readonly kpis: BackendKpis | undefined;
  /** Requests HAProxy counted for the pool (req_tot) and the host-minutes its hosts cost (measured from the pool, minute by minute). */
  readonly requests: number;
  readonly cost: number;
  readonly costPer100Requests: number;
  readonly meanServing: number;
  readonly minutes: readonly ArmMinute[];
  /** Servers the webhook had in the pool per `show stat` (not in maintenance or drain) at each minute's end, to compare with the set-point. */
  readonly haproxyActive: readonly number[];
  /** Hosts the webhook turned ready that found a warm standby host (activation) or none (cold start). */
  readonly hostStarts: { readonly warm: number; readonly cold: number };
  /** Every change of target sent to the webhook, with its answer (intent id, or why it was skipped). */
  readonly setPoints: readonly ArmSetPoint[];
  /** The simulator's prediction for the same minutes: the configured strategy on the requests HAProxy counted, with the arm's actuation delay. */
  readonly simulated: SimulatedArm;
  /** The actuation delay the prediction was simulated with (measured on the run, else derived for the A/B's path) and where it came from. */
  readonly actuationDelay: ArmActuationDelay;
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

/** Waits until the webhook reports every pool at its target (clamped to the pool's bounds), or throws after `ms`. */
async function settle(webhook: WebhookClient, want: Record<string, number>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let have: Record<string, number> = {};
  while (Date.now() < deadline) {
    have = await webhook.activeUnits();
    if (Object.entries(want).every(([p, n]) => have[p] === n)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`webhook ${webhook.url}: the pools did not reach their first set-points within ${ms} ms (want ${JSON.stringify(want)}, the webhook reports ${JSON.stringify(have)}); see its log`);
}

/**
 * The live A/B runner: each arm's strategy decides its pool minute by minute on the pool as its hosts
 * report it (LiveArm on ArmHosts: the host agent makes a host the webhook turns ready wait for its cold
 * start or activation); a change of the pool's hosts goes to the webhook as a `set_hosts` set-point, and
 * the webhook's driver for the pool (the code that scales production) applies it. Cost is what the hosts
 * cost minute by minute. The requests per minute come
 * from HAProxy's `show stat`, the KPIs per backend from the exporter (HAProxy's log lines); every
 * `segment_minutes` the matched segment (cost per 100 requests, 1 − Apdex) is posted to each experiment and
 * the verdicts read back. An experiment stopped for SLO harm hands its treatment pool to the control arm's
 * strategy. Refuses to start unless the pool model, HAProxy, the webhook and the exporter pass the checks.
 */
export async function runLiveExperiment(c: LiveExperimentConfig, opts: LiveRunOptions): Promise<LiveRunResult> {
  if (!opts.token) throw new Error('exporter token: required for POST /v1/experiments/:id/segments (--token, SHADOWFLEET_AUTH_TOKEN or exporter.token_file)');
  if (!opts.webhookToken) throw new Error('webhook token: required to send set-points (--webhook-token, SHADOWFLEET_WEBHOOK_TOKEN or webhook.token_file)');
  const model = checkArmPools(c);
  const exporter = new ExporterClient(c.exporter.url, opts.token);
  const webhook = new WebhookClient(c.webhook.url, opts.webhookToken, experimentsOf(c).map((e) => e.id).join(',').slice(0, 200));
  const pools = c.arms.map((a) => a.pool);
  const backendOfPool = Object.fromEntries(c.arms.map((a) => [a.pool, backendOf(a)]));
  await checkHaproxy(c.haproxy_socket, Object.values(backendOfPool));
  await webhook.check();
  await checkExporter(exporter, opts.token);
  const log = opts.progress ?? silentProgress;
  /** A pool's tuner settings: its arm's decisions reach it on the A/B's own path (set-points posted to the webhook), with that path's delay. */
  const tuner = (pool: string, actuationDelay = abPathDelay(c.minute_ms, model.pools[pool].cooldownSeconds).steps): TunerSettings => ({
    tunerSegmentMinutes: c.tuner_segment_minutes,
    tunerWarmupMinutes: c.tuner_warmup_minutes,
    actuationDelay,
  });
  const sim: SimConfig = { capacity: c.capacity_per_host, coldStart: c.cold_start_minutes, shadowActivation: c.shadow_activation_minutes, shadowCost: c.shadow_cost };
  const history = opts.history ?? [];
  const byPool = Object.fromEntries(c.arms.map((a) => [a.pool, a]));
  const arms: Record<string, LiveArm> = {};
  for (const a of c.arms) {
    arms[a.pool] = new LiveArm(a.pool, armStrategy(a.strategy, tuner(a.pool), a.hosts), sim, history.length + c.minutes + 2);
    arms[a.pool].warm(history);
  }
  const specs: ExperimentSpec[] = experimentsOf(c).map((e) => ({ ...e, sloMargin: c.slo_margin, minSegments: c.min_segments }));
  const readStats = async (): Promise<Record<string, BackendStats>> =>
    Object.fromEntries(backendStats(parseShowStat(await haproxyCommand(c.haproxy_socket, 'show stat'))).map((b) => [b.backend, b]));
  const setPoints: Record<string, ArmSetPoint[]> = Object.fromEntries(pools.map((p) => [p, []]));
  /** Sends the arm's pool size to the webhook when it changed (the first minute always). */
  const steer = async (pool: string, minute: number, hosts: number): Promise<void> => {
    const sent = setPoints[pool];
    if (sent.length > 0 && sent[sent.length - 1].target === hosts) return;
    const answer = await webhook.setHosts(pool, hosts, tierOf(arms[pool].strategyName.replace(/^fixed-\d+$/, 'fixed')));
    sent.push({ ...answer, minute });
    if (answer.outcome !== 'accepted') log.warn(`${pool}: the webhook skipped set-point ${hosts} (${answer.reason}: ${answer.detail ?? ''})`);
  };

  const haproxyActive: Record<string, number[]> = Object.fromEntries(pools.map((p) => [p, []]));
  // The pools start as the offline history left them: the webhook sets them up, and the hosts it made ready serve.
  for (const p of pools) await steer(p, 0, arms[p].warmTarget.hosts);
  const bounds = (p: string, n: number): number => Math.min(model.pools[p].max, Math.max(model.pools[p].min, n));
  await settle(webhook, Object.fromEntries(pools.map((p) => [p, bounds(p, setPoints[p][0].target)])), opts.settleMs ?? 60_000);
  const hosts: Record<string, ArmHosts> = {};
  for (const p of pools) {
    const lead = { coldStartMs: c.cold_start_minutes * c.minute_ms, activationMs: c.shadow_activation_minutes * c.minute_ms };
    hosts[p] = await ArmHosts.start({ socket: c.haproxy_socket, backend: backendOfPool[p], ...lead, standbyCost: c.shadow_cost, initialStandby: arms[p].warmTarget.standby, log: log.topic(`hosts ${p}`) });
  }
  /** The arm's decision for the coming minute on its pool as the hosts report it: the set-point, and the standby its hosts keep. */
  const decide = async (p: string, minute: number): Promise<void> => {
    const target = arms[p].begin(hosts[p].fleetAt(arms[p].step, c.minute_ms));
    hosts[p].standbyTarget = target.standby;
    hosts[p].servingTarget = target.hosts;
    await steer(p, minute, target.hosts);
  };
  let last = await readStats();
  const t0 = Date.now();
  let lastAt = t0;
  for (const p of pools) hosts[p].startMinutes(t0, c.minute_ms, c.minutes);
  const pollAll = (): Promise<void[]> => Promise.all(pools.map((p) => hosts[p].poll()));
  const poller = setInterval(() => void pollAll().catch((err: Error) => log.warn(`host agent: ${err.message}`)), Math.max(10, c.minute_ms / 20));
  poller.unref();
  opts.onStart?.(t0);
  for (const p of pools) await decide(p, 0);
  const segments: SegmentRecord[] = [];
  const stopped = new Set<string>();
  const stoppedAfterSegment: Record<string, number> = {};
  let scoring: Promise<void> = Promise.resolve();
  let scoringError: Error | undefined;
  let minutesRun = 0;
  for (let minute = 1; minute <= c.minutes; minute++) {
    if (scoringError) clearInterval(poller);
    if (scoringError) throw scoringError;
    await sleepUntil(t0 + minute * c.minute_ms, opts.signal);
    const stats = await readStats();
    const now = Date.now();
    await pollAll();
    for (const p of pools) {
      const b = backendOfPool[p];
      if (!stats[b]) throw new Error(`HAProxy's show stat has no backend ${b} any more (reloaded with another config?)`);
      // Requests of this minute, scaled to a full minute when the timer fired late (or early, when aborted).
      const counted = stats[b].requestsTotal - last[b].requestsTotal;
      haproxyActive[p].push(stats[b].activeServers);
      arms[p].end(Math.max(0, (counted * c.minute_ms) / Math.max(1, now - lastAt)), hosts[p].measured(minute - 1));
    }
    // The next minute's decisions, sent after every arm's minute ended (so that no arm's minute waits on another's answer).
    if (minute < c.minutes && !opts.signal?.aborted) for (const p of pools) await decide(p, minute);
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
          const record = await scoreSegment(exporter, arms, backendOfPool, specs, stopped, seg);
          segments.push(record);
          const noKpis = pools.filter((p) => !record.arms[p]);
          if (noKpis.length > 0) log.warn(`segment ${seg.segment}: no requests logged for ${noKpis.join(', ')} (is HAProxy's KPI log line reaching the exporter?); skipped ${record.skipped.join(', ') || 'nothing'}`);
          log(`segment ${seg.segment}: ${specs.map((e) => `${e.id} ${record.verdicts[e.id]}`).join(', ')}`);
          for (const e of specs) {
            if (stopped.has(e.id) || bareVerdict({ id: e.id, verdict: record.verdicts[e.id], metrics: [] }) !== 'stopped_slo_harm') continue;
            stopped.add(e.id);
            stoppedAfterSegment[e.id] = seg.segment;
            const control = byPool[e.control];
            arms[e.treatment].replaceStrategy(armStrategy(control.strategy, tuner(e.treatment), control.hosts), c.tuner_warmup_minutes);
            log(`${e.id}: stopped for harming the SLO; ${e.treatment} now runs ${control.strategy}`);
          }
        })
        .catch((err: Error) => void (scoringError ??= err));
    }
  }
  clearInterval(poller);
  await scoring;
  if (scoringError) throw scoringError;
  const tEnd = t0 + minutesRun * c.minute_ms;
  const overall = minutesRun > 0 ? await exporter.kpis(t0, tEnd + c.log_grace_ms) : {};
  const experiments = await exporter.experiments();
  const result: Record<string, LiveArmResult> = {};
  for (const b of pools) {
    const m = arms[b].minutes;
    const actuationDelay = armActuationDelay({ setPoints: setPoints[b], changes: hosts[b].agent.changes, t0, minuteMs: c.minute_ms, cooldownSeconds: model.pools[b].cooldownSeconds, applied: (n) => bounds(b, n) });
    const cost = m.reduce((s, r) => s + r.cost, 0);
    const requests = m.reduce((s, r) => s + r.requests, 0);
    result[b] = {
      pool: b,
      backend: backendOfPool[b],
      strategy: m[0]?.strategy ?? arms[b].strategyName,
      finalStrategy: arms[b].strategyName,
      kpis: overall[backendOfPool[b]],
      requests,
      cost,
      costPer100Requests: (100 * cost) / Math.max(1, requests),
      meanServing: m.reduce((s, r) => s + r.serving, 0) / Math.max(1, m.length),
      minutes: m,
      haproxyActive: haproxyActive[b],
      setPoints: setPoints[b],
      hostStarts: { ...hosts[b].agent.starts },
      simulated: predictArm(history, m.map((r) => r.requests), armStrategy(byPool[b].strategy, tuner(b, actuationDelay.steps), byPool[b].hosts), { ...sim, actuationDelay: actuationDelay.steps }),
      actuationDelay,
      tunerChoices: tunerChoices(arms[b].strategyInCharge),
    };
  }
  const ownExperiments = Object.fromEntries(specs.filter((e) => experiments[e.id]).map((e) => [e.id, experiments[e.id]]));
  return { startedAt: t0, endedAt: tEnd, minutesRun, aborted: opts.signal?.aborted ?? false, arms: result, segments, experimentSpecs: specs, experiments: ownExperiments, stoppedAfterSegment };
}
