/**
 * Starts what the browser test needs, all real except Grafana's server: the exporter (in-process,
 * temp data dir, bearer token), Prometheus scraping it (Debian's binary, backfilled with a day of
 * replayed traffic by promtool), the Grafana stand-in, and
 * Debian's Chromium driven by playwright-core. Builds the host bundle when its sources changed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  freePort,
  spawnManaged,
  startPrometheus,
  waitFor,
  type ManagedProcess,
  type RunningPrometheus,
} from '@shadowfleet/e2e/dist/support';
import { WEBHOOK_READ_TOKEN, startAlertChain, type AlertChain } from './alertChain';
import { dayOfTraffic } from './backfill/dayOfTraffic';
import { backfillOpenMetrics } from './backfill/promtoolBackfill';
import { startFakeGrafana, type FakeGrafana } from './fakeGrafana';

export const PLUGIN_DIR = path.resolve(__dirname, '..');
export const DIST_DIR = path.join(PLUGIN_DIR, 'dist');
export const HOST_SRC = path.join(__dirname, 'host');
export const HOST_OUT = path.join(__dirname, '.host');
export const CHROMIUM = '/usr/bin/chromium';
/** ENVIRONMENT.md: the flags Debian's Chromium needs here. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** Decisions every 15 s, so the chain behind several of them is seen within the test. */
export const DECISION_INTERVAL_SECONDS = 15;
export const TOKEN = 'browser-test-token-0123456789abcdef';
export const PROMETHEUS_UID = 'prometheus-test';
export const UNREACHABLE_UID = 'prometheus-unreachable';
/** Prometheus' default lookback delta (5 min) plus a minute: how long before now the replayed day ends. */
export const BACKFILL_GAP_SECONDS = 6 * 60;

const newest = (dir: string): number =>
  Math.max(...readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs));

/** Bundles browser/host with webpack unless browser/.host/host.js is newer than every host source. */
export function ensureHostBundle(): void {
  const out = path.join(HOST_OUT, 'host.js');
  if (existsSync(out) && statSync(out).mtimeMs > newest(HOST_SRC)) {
    return;
  }
  execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '-c', path.join(HOST_SRC, 'webpack.config.js')], {
    cwd: PLUGIN_DIR,
    stdio: 'pipe',
  });
}

/** The real exporter: `shadowfleet start` from the compiled dist, on loopback, with its own data dir. */
export interface RunningExporter {
  url: string;
  process: ManagedProcess;
}

export const EXPORTER_BIN = path.resolve(PLUGIN_DIR, '..', 'exporter', 'bin', 'shadowfleet.js');

async function startExporterProcess(dataDir: string): Promise<RunningExporter> {
  const port = await freePort();
  const proc = spawnManaged('exporter', process.execPath, [EXPORTER_BIN, 'start', '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir], {
    env: { ...process.env, SHADOWFLEET_AUTH_TOKEN: TOKEN, SHADOWFLEET_DECISION_INTERVAL_SECONDS: String(DECISION_INTERVAL_SECONDS) },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok, {
    what: 'exporter /healthz',
    abortIf: proc.assertRunning,
    timeoutMs: 120_000,
  });
  return { url, process: proc };
}

export interface Harness {
  exporter: RunningExporter;
  prometheus: RunningPrometheus;
  /** Scaling rules → Alertmanager → webhook (dry run) behind the exporter's decisions. */
  chain: AlertChain;
  grafana: FakeGrafana;
  browser: Browser;
  page: Page;
  dataDir: string;
  /** Page errors and failed console messages seen so far. */
  problems: string[];
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(path.join(DIST_DIR, 'module.js'))) {
    throw new Error(`${DIST_DIR}/module.js is missing: build the plugin first (npm run build -w @shadowfleet/plugin)`);
  }
  ensureHostBundle();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sf-plugin-'));
  const exporter = await startExporterProcess(dataDir);
  const target = exporter.url.replace(/^http:\/\//, '');
  // A day of replayed traffic, backfilled before Prometheus starts, so the charts have lines. It ends
  // more than Prometheus' lookback (5 minutes) before the first live scrape, so no instant query (the
  // "now" tables) and no chart step ever mixes replayed series with the live exporter's.
  const chainDir = mkdtempSync(path.join(os.tmpdir(), 'sf-plugin-chain-'));
  const chain = await startAlertChain(chainDir);
  const prometheus = await startPrometheus({
    scrape: [
      { job: 'shadowfleet-exporter', targets: [target] },
      { job: 'shadowfleet-webhook', targets: [chain.webhook.address] },
    ],
    ruleFiles: chain.ruleFiles,
    alertmanagers: [chain.alertmanager.address],
    seed: (tsdb) => backfillOpenMetrics(dayOfTraffic(Date.now() / 1000 - BACKFILL_GAP_SECONDS), tsdb),
  });
  // A second Prometheus data source that answers nothing (a closed port), for the picker and Test connection.
  const grafana = await startFakeGrafana({
    distDir: DIST_DIR,
    hostDir: HOST_OUT,
    datasources: { [PROMETHEUS_UID]: prometheus.url, [UNREACHABLE_UID]: `http://127.0.0.1:${await freePort()}` },
    datasourceNames: { [PROMETHEUS_UID]: 'Prometheus (browser test)', [UNREACHABLE_UID]: 'Prometheus (unreachable)' },
  });
  grafana.settings.jsonData = { exporterUrl: exporter.url, prometheusUid: PROMETHEUS_UID, webhookUrl: chain.webhook.url };
  grafana.settings.secureJsonData = { exporterToken: TOKEN, webhookReadToken: WEBHOOK_READ_TOKEN };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return {
    exporter,
    prometheus,
    chain,
    grafana,
    browser,
    page,
    dataDir,
    problems,
    async stop() {
      await browser.close().catch(() => undefined);
      await grafana.close();
      await prometheus.stop();
      await chain.stop();
      await exporter.process.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(chainDir, { recursive: true, force: true });
    },
  };
}
