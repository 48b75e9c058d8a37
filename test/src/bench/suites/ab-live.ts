import os from 'node:os';
import type { BenchSuite } from '../suite';
import { DEFAULT_AB_OPTIONS, POOLS, runLiveAb, type AbLiveOptions, type AbLiveResult } from '../../e2e/ab/run-ab';

/** Runs of the whole live experiment (each starts and stops every server; the split is random each time). */
const RUNS = Number(process.env.SHADOWFLEET_BENCH_AB_RUNS ?? 2);
/** Longer than the test: 100 live minutes of midday (50 s at 120×), 20 segments. */
const OPTIONS: AbLiveOptions = { ...DEFAULT_AB_OPTIONS, liveMinutes: 100 };
/**
 * The pairings: reactive vs the project's manager (RUNS times), then the manager at its fixed
 * defaults vs the replay tuner choosing among the settings hour by hour on the measured traffic (once).
 */
const PAIRINGS = [
  { control: 'hpa', treatment: 'tiered', runs: RUNS },
  { control: 'tiered', treatment: 'replay-tuned', runs: 1 },
] as const;

const r3 = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1000) / 1000);

function counts(xs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

function summary(r: AbLiveResult): Record<string, unknown> {
  const arms = Object.fromEntries(
    POOLS.map((p) => {
      const a = r.arms[p];
      return [
        p,
        {
          strategy: a.strategy,
          final_strategy: a.finalStrategy,
          requests_haproxy: Math.round(a.requests),
          responses_5xx: a.responses5xx,
          apdex: r3(a.kpis?.apdex),
          latency_p50_s: r3(a.kpis?.latency_p50_seconds),
          latency_p95_s: r3(a.kpis?.latency_p95_seconds),
          latency_p99_s: r3(a.kpis?.latency_p99_seconds),
          cost_host_minutes: r3(a.cost),
          cost_per_100_requests: r3(a.costPer100Requests),
          host_starts: a.hostStarts,
          one_minus_apdex: r3(a.kpis ? 1 - a.kpis.apdex : undefined),
          mean_serving_hosts: r3(a.meanServing),
          set_points_sent: a.setPoints.length,
          set_points_accepted: a.setPoints.filter((x) => x.outcome === 'accepted').length,
          set_points_skipped: counts(a.setPoints.filter((x) => x.outcome !== 'accepted').map((x) => x.reason ?? 'unknown')),
          first_intents: a.setPoints.slice(0, 3).map((x) => ({ minute: x.minute, target: x.target, intent: x.intent ?? null })),
          simulated: {
            strategy: a.strategy,
            cost_per_100_requests: r3(a.simulated.costPer100Requests),
            unserved_pct: r3(a.simulated.unservedPct),
            under_provisioned_minutes_pct: r3(a.simulated.underProvisionedPct),
            mean_serving_hosts: r3(a.simulated.meanServing),
            // The delay the prediction was simulated with: the arm's measured median when it had changes, else derived.
            actuation_delay: { steps: r3(a.actuationDelay.steps), source: a.actuationDelay.source, measured: a.actuationDelay.measured ?? null, shipped_default_steps: r3(a.actuationDelay.shipped_default_steps ?? undefined) },
          },
          max_serving_hosts: Math.max(...a.minutes.map((m) => m.serving)),
          ...(a.tunerChoices ? { tuner_segments: a.tunerChoices.length, tuner_last_live_choices: a.tunerChoices.slice(-3), tuner_choice_counts: counts(a.tunerChoices) } : {}),
          // Minutes whose end-of-minute `show stat` count of servers the webhook has ready equals the arm's set-point.
          haproxy_matches_set_point_share: r3(a.minutes.filter((m, i) => a.haproxyActive[i] === Math.min(m.target, OPTIONS.hostsPerPool)).length / a.minutes.length),
          // Minutes in which the hosts in rotation (time-weighted) were below the set-point: hosts still starting.
          minutes_below_set_point: a.minutes.filter((m) => m.serving < Math.min(m.target, OPTIONS.hostsPerPool) - 1e-9).length,
        },
      ];
    }),
  );
  const experiments = Object.fromEntries(
    r.experimentSpecs.map((s) => {
      const e = r.experiments[s.id];
      return [s.id, { name: e?.name, verdict: e?.verdict, reason: e?.reason, segments: e?.segments, stopped_after_segment: r.stoppedAfterSegment[s.id] ?? null, metrics: e?.metrics }];
    }),
  );
  return {
    wall_seconds: r.wallSeconds,
    calibration: { host_requests_per_second: r3(r.calibration.hostRequestsPerSecond), capacity_per_host_per_minute: r3(r.calibration.capacityPerHost) },
    fixed_hosts: r.fixedHosts, requests_sent: r.tally.sent, failed_by_status: r.tally.failedByStatus, arms, experiments };
}

/**
 * The treatment's verdict with both KPIs per arm, live (the whole run: cost per 100 requests measured from the hosts,
 * 1 − Apdex from HAProxy's log lines) and as the simulator predicted the same minutes (cost per 100 requests,
 * unserved %).
 */
function verdictOf(r: AbLiveResult): Record<string, unknown> {
  const arm = (p: string) => {
    const a = r.arms[p];
    return {
      strategy: a.strategy,
      live: { cost_per_100_requests: r3(a.costPer100Requests), one_minus_apdex: r3(a.kpis ? 1 - a.kpis.apdex : undefined), mean_serving_hosts: r3(a.meanServing), host_starts: a.hostStarts },
      simulated: { cost_per_100_requests: r3(a.simulated.costPer100Requests), unserved_pct: r3(a.simulated.unservedPct), mean_serving_hosts: r3(a.simulated.meanServing) },
    };
  };
  const spec = r.experimentSpecs.find((s) => s.treatment === POOLS[1]);
  const e = spec && r.experiments[spec.id];
  return { experiment: spec?.id ?? null, verdict: e?.verdict ?? null, reason: e?.reason ?? null, control: arm(POOLS[0]), treatment: arm(POOLS[1]) };
}

/**
 * `npm run bench -- ab-live`: the live A/B of test/src/e2e/ab on real parts (HAProxy 2.6, the exporter's
 * KPIs from HAProxy's log lines, worker processes) over 100 minutes of the NASA midday slice: KPIs and
 * cost per pool, and the verdicts GET /v1/experiments gave.
 */
export const abLiveSuite: BenchSuite = {
  name: 'ab-live',
  description: `live A/B behind a real HAProxy, each pool scaled by the webhook's haproxy driver: ${PAIRINGS.map((p) => `${p.treatment} vs ${p.control}`).join(', ')}, each beside a fixed pool, under replayed NASA midday requests; KPIs per pool from HAProxy's log, verdicts from GET /v1/experiments`,
  async run() {
    const runs: Array<Record<string, unknown>> = [];
    const experiments: Array<Record<string, unknown>> = [];
    for (const pairing of PAIRINGS) {
      for (let i = 0; i < pairing.runs; i++) {
        const load = os.loadavg()[0];
        const label = `${pairing.treatment}-vs-${pairing.control}`;
        process.stderr.write(`bench ab-live: ${label} run ${i + 1}/${pairing.runs} (load average ${load.toFixed(2)})\n`);
        const r = await runLiveAb({ ...OPTIONS, control: pairing.control, treatment: pairing.treatment });
        runs.push({ pairing: label, run: i + 1, load_average_at_start: r3(load), load_average_at_end: r3(os.loadavg()[0]), verdict: verdictOf(r), ...summary(r) });
        for (const s of r.experimentSpecs) {
          const e = r.experiments[s.id];
          if (e) experiments.push({ id: `${s.id}-${label}-run${i + 1}`, name: `${e.name ?? s.id}, run ${i + 1}`, verdict: e.verdict, metrics: e.metrics });
        }
      }
    }
    const { tunerSegmentMinutes, tunerWarmupMinutes, historyDays, speedup, warmMiddayMinutes, liveMinutes, segmentMinutes, minSegments, sloMargin, hostsPerPool, serviceMs, hostUtilisation, calibrationRequests, coldStartMinutes, shadowActivationMinutes, shadowCost, apdexThresholdMs, queueTimeoutMs } = OPTIONS;
    return {
      settings: { pairings: PAIRINGS, tuner_segment_minutes: tunerSegmentMinutes, tuner_warmup_minutes: tunerWarmupMinutes, history_days: historyDays, pools: POOLS, speedup, warm_midday_minutes: warmMiddayMinutes, live_minutes: liveMinutes, segment_minutes: segmentMinutes, min_segments: minSegments, slo_margin: sloMargin, hosts_per_pool: hostsPerPool, service_ms: serviceMs, host_utilisation: hostUtilisation, calibration_requests: calibrationRequests, driven_through: 'webhook set_hosts set-points, haproxy driver; hosts start for real (host agent: cold start / activation before a server takes traffic), cost measured from the hosts', cold_start_min: coldStartMinutes, shadow_activation_min: shadowActivationMinutes, shadow_cost: shadowCost, apdex_threshold_ms: apdexThresholdMs, queue_timeout_ms: queueTimeoutMs },
      runs,
      experiments,
    };
  },
};
