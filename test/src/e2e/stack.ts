import { randomBytes } from 'node:crypto';
import { WEBHOOK_PATH } from '@shadowfleet/alertmanager-webhook';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parsePoolModel } from '@shadowfleet/models';
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
import { testAlertmanagerConfig, writeTestPoolModel, writeTestRules, type TestWindows } from './provisioned-config';
import { startExporterProcess, startWebhook, type RunningService, type RunningWebhook } from './services';
import { TrafficProbe } from './traffic';

/** The pool of the test: one always-on server and two shadow servers kept in maintenance. */
export const POOL = 'web';
export const BACKEND = 'web';
export const BASE_SERVERS = ['web1'] as const;
export const SHADOW_SERVERS = ['shadow1', 'shadow2'] as const;

/** Test-scale windows: seconds instead of the shipped minutes (same expressions and labels). */
export const E2E_WINDOWS: TestWindows = { activationFor: '3s', keepFiringFor: '5s', groupWait: '0s', groupInterval: '1s' };
/** The webhook's cooldown in the test (shipped: 60 s). */
export const E2E_COOLDOWN_SECONDS = 1;
/** The exporter recomputes its forecasts every 5 s in the test (shipped: every 60 s). */
export const E2E_FORECAST_REFRESH_SECONDS = 5;
/** The resource manager decides every 2 s in the test (shipped: every 60 s); its load history has 2-second steps. */
export const E2E_DECISION_INTERVAL_SECONDS = 2;

export interface ScalingStack {
  readonly workers: readonly RunningWorker[];
  readonly lb: RunningHaproxy;
  readonly exporter: RunningService;
  readonly webhook: RunningWebhook;
  readonly alertmanager: RunningAlertmanager;
  readonly prometheus: RunningPrometheus;
  /** The pool model both services read. */
  readonly poolsFile: string;
  readonly probe: TrafficProbe;
  readonly exporterToken: string;
  readonly windows: TestWindows;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Complexity units (KiB) per second one server takes: the pool model's hostCapacity. */
  readonly hostCapacity: number;
  readonly windows?: TestWindows;
  /** Extra `shadowfleet start` flags (e.g. a short session gap). */
  readonly exporterArgs?: readonly string[];
}

/**
 * Real worker processes behind a real HAProxy (shadows in maintenance), the exporter (its compiled code,
 * as a child process) and the webhook, both reading one pool model, and real Alertmanager and Prometheus
 * loaded with the shipped provisioning. Everything on loopback with temporary folders; `stop()` ends it all.
 */
export async function startScalingStack(opts: StackOptions): Promise<ScalingStack> {
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

    const files = tempDir('e2e-provisioning');
    cleanup.add('provisioning dir', files.remove);
    const poolsFile = writeTestPoolModel(files.path, {
      name: POOL,
      socket: lb.socketPath,
      backend: BACKEND,
      servers: [...BASE_SERVERS, ...SHADOW_SERVERS],
      min: BASE_SERVERS.length,
      hostCapacity: opts.hostCapacity,
      stepSeconds: E2E_DECISION_INTERVAL_SECONDS,
      cooldownSeconds: E2E_COOLDOWN_SECONDS,
    });

    const exporterToken = randomBytes(24).toString('hex');
    const exporter = await startExporterProcess(exporterToken, opts.exporterArgs, {
      SHADOWFLEET_FORECAST_REFRESH_SECONDS: String(E2E_FORECAST_REFRESH_SECONDS),
      SHADOWFLEET_DECISION_INTERVAL_SECONDS: String(E2E_DECISION_INTERVAL_SECONDS),
      SHADOWFLEET_POOLS_FILE: poolsFile,
    });
    cleanup.add('exporter', exporter.stop);

    // The same pool model file, parsed by the webhook's own schema.
    const webhookToken = randomBytes(24).toString('hex');
    const webhook = await startWebhook(webhookToken, { pools: parsePoolModel(JSON.parse(readFileSync(poolsFile, 'utf8'))).pools });
    cleanup.add('webhook', webhook.stop);

    const tokenFile = path.join(files.path, 'webhook-token');
    writeFileSync(tokenFile, webhookToken, { mode: 0o600 });
    const alertmanager = await startAlertmanager({ config: testAlertmanagerConfig(`${webhook.url}${WEBHOOK_PATH}`, tokenFile, windows) });
    cleanup.add('alertmanager', alertmanager.stop);

    const probe = new TrafficProbe(lb.url);
    probe.start();
    cleanup.add('traffic', () => probe.stop());

    const prometheus = await startPrometheus({
      scrape: [
        { job: 'shadowfleet-exporter', targets: [exporter.address] },
        { job: 'shadowfleet-webhook', targets: [webhook.address] },
      ],
      ruleFiles: writeTestRules(files.path, windows),
      alertmanagers: [alertmanager.address],
    });
    cleanup.add('prometheus', prometheus.stop);

    return { workers, lb, exporter, webhook, alertmanager, prometheus, poolsFile, probe, exporterToken, windows, stop: () => cleanup.run() };
  } catch (err) {
    await cleanup.run().catch(() => undefined);
    throw err;
  }
}
