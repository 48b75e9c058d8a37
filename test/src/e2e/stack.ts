import { randomBytes } from 'node:crypto';
import { WEBHOOK_PATH } from '@shadowfleet/alertmanager-webhook';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  Cleanup,
  startAlertmanager,
  startHaproxy,
  startPrometheus,
  startWorker,
  tempDir,
  type RunningAlertmanager,
  type RunningHaproxy,
  type RunningPrometheus,
  type RunningWorker,
} from '../support/index';
import { testAlertmanagerConfig, writeTestRules, type PoolCapacity, type TestWindows } from './provisioned-config';
import { startExporterProcess, startWebhook, type RunningService, type RunningWebhook } from './services';
import { TrafficProbe } from './traffic';

/** The pool of the test: one always-on server and two shadow servers kept in maintenance. */
export const POOL = 'web';
export const BACKEND = 'web';
export const BASE_SERVERS = ['web1'] as const;
export const SHADOW_SERVERS = ['shadow1', 'shadow2'] as const;

/** Test-scale windows: seconds instead of the shipped minutes (same expressions and labels). */
export const E2E_WINDOWS: TestWindows = { activationFor: '3s', keepFiringFor: '5s', groupWait: '0s', groupInterval: '1s' };
/** The webhook's scale-back delay and cooldown in the test (shipped: 300 s and 60 s). */
export const E2E_SCALE_BACK_DELAY_SECONDS = 2;
export const E2E_COOLDOWN_SECONDS = 1;
/** The exporter recomputes its forecasts every 5 s in the test (shipped: every 60 s). */
export const E2E_FORECAST_REFRESH_SECONDS = 5;

export interface ScalingStack {
  readonly workers: readonly RunningWorker[];
  readonly lb: RunningHaproxy;
  readonly exporter: RunningService;
  readonly webhook: RunningWebhook;
  readonly alertmanager: RunningAlertmanager;
  /** Started by startPrometheus() once the capacity is known. */
  prometheus: RunningPrometheus | undefined;
  readonly probe: TrafficProbe;
  readonly exporterToken: string;
  readonly windows: TestWindows;
  /** Starts Prometheus with the shipped rules and this capacity, scraping the exporter and the webhook. */
  startPrometheus(capacity: Omit<PoolCapacity, 'pool'>): Promise<RunningPrometheus>;
  stop(): Promise<void>;
}

export interface StackOptions {
  readonly windows?: TestWindows;
  /** Extra `shadowfleet start` flags (e.g. a short session gap). */
  readonly exporterArgs?: readonly string[];
}

/**
 * Real worker processes behind a real HAProxy (shadows in maintenance), the exporter and the webhook
 * (their compiled code, as child processes), and real Alertmanager and Prometheus loaded with the
 * shipped provisioning (Prometheus once the test knows the capacity to give it). Everything on loopback
 * with temporary folders; `stop()` ends it all.
 */
export async function startScalingStack(opts: StackOptions = {}): Promise<ScalingStack> {
  const cleanup = new Cleanup();
  const windows = opts.windows ?? E2E_WINDOWS;
  try {
    const workers: RunningWorker[] = [];
    for (const name of [...BASE_SERVERS, ...SHADOW_SERVERS]) {
      const w = await startWorker(name);
      cleanup.add(`worker ${name}`, w.stop);
      workers.push(w);
    }
    const lb = await startHaproxy({
      backend: BACKEND,
      servers: workers.map((w) => ({ name: w.name, address: w.address, maintenance: (SHADOW_SERVERS as readonly string[]).includes(w.name) })),
    });
    cleanup.add('haproxy', lb.stop);

    const exporterToken = randomBytes(24).toString('hex');
    const exporter = await startExporterProcess(exporterToken, opts.exporterArgs, { SHADOWFLEET_FORECAST_REFRESH_SECONDS: String(E2E_FORECAST_REFRESH_SECONDS) });
    cleanup.add('exporter', exporter.stop);

    const webhookToken = randomBytes(24).toString('hex');
    const webhook = await startWebhook(webhookToken, {
      pools: {
        [POOL]: {
          driver: 'haproxy',
          min: BASE_SERVERS.length,
          max: BASE_SERVERS.length + SHADOW_SERVERS.length,
          cooldownSeconds: E2E_COOLDOWN_SECONDS,
          scaleBack: { enabled: true, delaySeconds: E2E_SCALE_BACK_DELAY_SECONDS },
          options: { socket: lb.socketPath, backend: BACKEND, servers: [...BASE_SERVERS, ...SHADOW_SERVERS], drainTimeoutSeconds: 1 },
        },
      },
    });
    cleanup.add('webhook', webhook.stop);

    const files = tempDir('e2e-provisioning');
    cleanup.add('provisioning dir', files.remove);
    const tokenFile = path.join(files.path, 'webhook-token');
    writeFileSync(tokenFile, webhookToken, { mode: 0o600 });
    const alertmanager = await startAlertmanager({ config: testAlertmanagerConfig(`${webhook.url}${WEBHOOK_PATH}`, tokenFile, windows) });
    cleanup.add('alertmanager', alertmanager.stop);

    const probe = new TrafficProbe(lb.url);
    probe.start();
    cleanup.add('traffic', () => probe.stop());

    const stack: ScalingStack = {
      workers,
      lb,
      exporter,
      webhook,
      alertmanager,
      prometheus: undefined,
      probe,
      exporterToken,
      windows,
      async startPrometheus(capacity) {
        if (stack.prometheus) throw new Error('Prometheus is already running');
        const ruleFiles = writeTestRules(files.path, windows, { pool: POOL, ...capacity });
        const prometheus = await startPrometheus({
          scrape: [
            { job: 'shadowfleet-exporter', targets: [exporter.address] },
            { job: 'shadowfleet-webhook', targets: [webhook.address] },
          ],
          ruleFiles,
          alertmanagers: [alertmanager.address],
        });
        cleanup.add('prometheus', prometheus.stop);
        stack.prometheus = prometheus;
        return prometheus;
      },
      stop: () => cleanup.run(),
    };
    return stack;
  } catch (err) {
    await cleanup.run().catch(() => undefined);
    throw err;
  }
}
