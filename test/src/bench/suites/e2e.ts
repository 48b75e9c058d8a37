import type { BenchSuite } from '../suite';
import { DEFAULT_SCENARIO, runScalingScenario, type ScenarioResult } from '../../e2e/scenario';
import { E2E_COOLDOWN_SECONDS, E2E_DECISION_INTERVAL_SECONDS, E2E_FORECAST_REFRESH_SECONDS, E2E_WINDOWS } from '../../e2e/stack';
import { TIMELINE_POLL_MS } from '../../e2e/timeline';

/** How many times the whole scenario runs (each starts and stops every server). */
const RUNS = Number(process.env.SHADOWFLEET_BENCH_E2E_RUNS ?? 3);

function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

function phases(r: ScenarioResult): Record<string, number> {
  const a = r.activation;
  return {
    decision_to_first_request_served_s: seconds(a.firstServedAt - a.decidedAt),
    decision_to_alert_firing_s: seconds(a.firingAt - a.decidedAt),
    firing_to_webhook_set_ready_s: seconds(a.webhookReadyAt - a.firingAt),
    webhook_set_ready_to_first_request_served_s: seconds(a.firstServedAt - a.webhookReadyAt),
    replay_stop_to_scale_back_decision_s: seconds(r.scaleBack.decidedAt - r.replayStoppedAt),
    scale_back_decision_to_shadows_in_maintenance_s: seconds(r.scaleBack.maintenanceAt - r.scaleBack.decidedAt),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * `npm run bench -- e2e`: the end-to-end scenario (test/src/e2e/scenario.ts) with real Prometheus,
 * Alertmanager, HAProxy, the exporter and the webhook, timed from the resource manager's scale-up
 * decision to the first client request served by an activated shadow host.
 */
export const e2eSuite: BenchSuite = {
  name: 'e2e',
  description: "decision-to-action latency: the resource manager's scale-up decision → first request served by an activated shadow host (real Prometheus, Alertmanager, HAProxy)",
  async run() {
    const runs: Array<Record<string, number>> = [];
    for (let i = 0; i < RUNS; i++) {
      process.stderr.write(`bench e2e: run ${i + 1}/${RUNS}\n`);
      runs.push(phases(await runScalingScenario()));
    }
    const keys = Object.keys(runs[0]);
    return {
      runs: RUNS,
      settings: {
        activation_window_for: E2E_WINDOWS.activationFor,
        keep_firing_for: E2E_WINDOWS.keepFiringFor,
        group_wait: E2E_WINDOWS.groupWait,
        group_interval: E2E_WINDOWS.groupInterval,
        scrape_and_evaluation_interval: '1s',
        webhook_cooldown_s: E2E_COOLDOWN_SECONDS,
        exporter_forecast_refresh_s: E2E_FORECAST_REFRESH_SECONDS,
        decision_interval_s: E2E_DECISION_INTERVAL_SECONDS,
        replay_speedup_night: DEFAULT_SCENARIO.nightSpeedup,
        replay_speedup_surge: DEFAULT_SCENARIO.surgeSpeedup,
        capacity_headroom_over_night_busiest_step: DEFAULT_SCENARIO.headroom,
        timing_resolution_ms: TIMELINE_POLL_MS,
        note: 'timed from the first GET /v1/decisions that shows the scale-up target (the manager decides every decision interval); production intervals are 60 s',
      },
      median: Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])),
      min: Object.fromEntries(keys.map((k) => [k, Math.min(...runs.map((r) => r[k]))])),
      max: Object.fromEntries(keys.map((k) => [k, Math.max(...runs.map((r) => r[k]))])),
      per_run: runs,
    };
  },
};
