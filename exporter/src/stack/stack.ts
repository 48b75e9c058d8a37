import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths';
import { ALERTMANAGER, PROMETHEUS, findBinary, requireBinary, type BinarySpec } from './binaries';
import type { Progress } from '../progress';
import { startChild, waitReady, type Child } from './children';
import { localAlertmanagerConfig, localPrometheusConfig } from './configs';

/**
 * `shadowfleet stack`: the whole local stack on loopback — the exporter (`shadowfleet start`), the
 * Alertmanager webhook (in dry run), and Prometheus and Alertmanager with the shipped provisioning when
 * their binaries are installed (else it says how to install them and runs the rest). Grafana cannot be
 * run this way; docker-compose.yml has it.
 */
export interface StackOptions {
  readonly dataDir: string;
  readonly exporterPort: number;
  readonly webhookPort: number;
  readonly prometheusPort: number;
  readonly alertmanagerPort: number;
  /** Extra flags for `shadowfleet start` (e.g. --no-samples). */
  readonly exporterArgs: readonly string[];
  /** Where the stack reports what it starts and what its children print (docs/cli.md). */
  readonly progress: Progress;
  /** PATH used to find Prometheus and Alertmanager (tests narrow it). */
  readonly searchPath?: string;
  /** Aborting it (a stop signal) stops the start: what was started is stopped and the start throws. */
  readonly signal?: AbortSignal;
  /**
   * What `shadowfleet replay` changes (written afresh on every start; without it the stack folder's
   * files are written once and an operator's edits kept): the pool model, the webhook config (acting,
   * not a dry run), the rule files and Alertmanager config (time-scaled copies of the shipped ones),
   * Prometheus' intervals and the exporter's extra environment. With it, a missing Prometheus or
   * Alertmanager is an error instead of a note.
   */
  readonly overrides?: StackOverrides;
}

export interface StackOverrides {
  readonly poolModel: Record<string, unknown>;
  readonly webhookConfig: Record<string, unknown>;
  readonly ruleFiles: readonly string[];
  /** alertmanager.yml text before the webhook URL and token file are pointed at the local webhook. */
  readonly alertmanagerConfig: string;
  readonly scrapeInterval: string;
  readonly evaluationInterval: string;
  readonly exporterEnv: Readonly<Record<string, string>>;
}

export interface RunningStack {
  readonly urls: Readonly<Record<string, string>>;
  /** What was not started, and why (with install instructions). */
  readonly missing: readonly string[];
  /** Resolves when any child exits on its own. */
  readonly anyExited: Promise<string>;
  /** The file holding the webhook's bearer token (which also reads its GET /v1/intents), when the webhook was started. */
  readonly webhookTokenFile?: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const exporterBin = path.join(repoRoot, 'exporter', 'bin', 'shadowfleet.js');

/** A token kept in a 0600 file in the stack folder (generated on first start), shared by Alertmanager and the webhook. */
function tokenFile(dir: string, name: string): { file: string } {
  const file = path.join(dir, name);
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return { file };
}

/**
 * The local stack's pool model (provisioning/pools.json's format), read by the exporter's resource manager
 * and the webhook alike: one pool of local worker processes, one serving and two warm standby.
 */
function localPoolModel(): Record<string, unknown> {
  return {
    complexityUnit: 'kib',
    pools: {
      web: {
        driver: 'local',
        min: 1,
        max: 3,
        hostCapacity: 100,
        coldStartSeconds: 300,
        activationSeconds: 60,
        standbyCost: 0.1,
        cooldownSeconds: 30,
        // The local driver's reference worker, published by the webhook package as its shadowfleet-local-worker bin.
        options: { program: process.execPath, args: [webhookCommand('shadowfleet-local-worker') ?? 'shadowfleet-local-worker'], initialActive: 1, standby: 2, maxWorkers: 3 },
      },
    },
  };
}

/** Writes a file of the stack folder once (an operator's edits are kept across starts). */
function writeOnce(file: string, value: unknown, always = false): string {
  if (always || !existsSync(file)) writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

/**
 * The webhook's published command: the `shadowfleet-webhook` bin its package.json declares, found
 * through Node's module resolution (the exporter never imports the webhook's code).
 */
export function webhookCommand(name = 'shadowfleet-webhook'): string | undefined {
  try {
    const manifest = require.resolve('@shadowfleet/alertmanager-webhook/package.json');
    const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: Record<string, string> }).bin?.[name];
    return bin ? path.join(path.dirname(manifest), bin) : undefined;
  } catch {
    return undefined;
  }
}

export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const { progress, overrides: o } = opts;
  const dir = path.join(opts.dataDir, 'stack');
  mkdirSync(dir, { recursive: true });
  const children: Child[] = [];
  const missing: string[] = [];
  const urls: Record<string, string> = {};
  let webhookTokenFile: string | undefined;
  const stop = async (): Promise<void> => {
    for (const c of [...children].reverse()) await c.stop();
  };
  /** The binary, or (without overrides) a note on how to install it and undefined. */
  const binary = (spec: BinarySpec): string | undefined => {
    if (o) return requireBinary(spec, opts.searchPath);
    const found = findBinary(spec, opts.searchPath);
    if (found) return found;
    const line = `${spec.what} is not installed (looked for ${spec.names.join(', ')} on PATH), so it is not started. Install it — ${spec.install} — and run again.`;
    missing.push(line);
    progress.warn(line);
    return undefined;
  };

  try {
    const exporterUrl = `http://${HOST}:${opts.exporterPort}`;
    const poolsFile = writeOnce(path.join(dir, 'pools.json'), o?.poolModel ?? localPoolModel(), Boolean(o));
    const exporter = startChild('exporter', process.execPath, [exporterBin, 'start', '--host', HOST, '--port', String(opts.exporterPort), '--data-dir', opts.dataDir, ...opts.exporterArgs], progress, {
      env: { ...process.env, ...o?.exporterEnv, SHADOWFLEET_POOLS_FILE: poolsFile },
    });
    children.push(exporter);
    await waitReady(exporter, `${exporterUrl}/healthz`);
    opts.signal?.throwIfAborted();
    urls.exporter = exporterUrl;

    let webhookUrl: string | undefined;
    const webhookBin = webhookCommand();
    if (webhookBin && existsSync(webhookBin)) {
      const token = tokenFile(dir, 'webhook-token');
      // Dry run until the user opts in; the pools come from the same pool model the exporter reads.
      const configFile = writeOnce(path.join(dir, 'webhook.json'), o?.webhookConfig ?? { dryRun: true, poolsFile: 'pools.json' }, Boolean(o));
      const webhook = startChild('webhook', process.execPath, [webhookBin], progress, {
        env: {
          ...process.env,
          SHADOWFLEET_WEBHOOK_CONFIG: configFile,
          SHADOWFLEET_WEBHOOK_HOST: HOST,
          SHADOWFLEET_WEBHOOK_PORT: String(opts.webhookPort),
          SHADOWFLEET_WEBHOOK_DATA_DIR: path.join(dir, 'webhook'),
          SHADOWFLEET_WEBHOOK_TOKEN_FILE: token.file,
        },
      });
      children.push(webhook);
      webhookTokenFile = token.file;
      webhookUrl = `http://${HOST}:${opts.webhookPort}`;
      await waitReady(webhook, `${webhookUrl}/-/ready`);
      opts.signal?.throwIfAborted();
      // What the config file says (an operator may have set it to act); the webhook's default is to act.
      const dryRun = !o && (JSON.parse(readFileSync(configFile, 'utf8')) as { dryRun?: boolean }).dryRun === true;
      urls.webhook = dryRun ? `${webhookUrl} (dry run: edit ${configFile} to act)` : webhookUrl;
    } else {
      const line = 'the webhook package (@shadowfleet/alertmanager-webhook, bin shadowfleet-webhook) is not installed: run npm install; continuing without it';
      if (o) throw new Error(line);
      missing.push(line);
      progress.warn(line);
    }

    const amBin = binary(ALERTMANAGER);
    let amAddress: string | undefined;
    if (amBin && webhookUrl) {
      const configFile = path.join(dir, 'alertmanager.yml');
      writeFileSync(configFile, localAlertmanagerConfig(`${webhookUrl}/webhook`, tokenFile(dir, 'webhook-token').file, o?.alertmanagerConfig));
      amAddress = `${HOST}:${opts.alertmanagerPort}`;
      const am = startChild('alertmanager', amBin, [`--config.file=${configFile}`, `--storage.path=${path.join(dir, 'alertmanager')}`, `--web.listen-address=${amAddress}`, '--cluster.listen-address=', '--log.level=warn'], progress);
      children.push(am);
      await waitReady(am, `http://${amAddress}/-/ready`);
      opts.signal?.throwIfAborted();
      urls.alertmanager = `http://${amAddress}`;
    }

    const promBin = binary(PROMETHEUS);
    if (promBin) {
      const promAddress = `${HOST}:${opts.prometheusPort}`;
      const configFile = path.join(dir, 'prometheus.yml');
      const targets = { exporter: `${HOST}:${opts.exporterPort}`, webhook: webhookUrl ? `${HOST}:${opts.webhookPort}` : undefined, alertmanager: amAddress, prometheus: promAddress };
      writeFileSync(configFile, localPrometheusConfig(targets, o ? { scrape: o.scrapeInterval, evaluation: o.evaluationInterval, ruleFiles: o.ruleFiles } : undefined));
      const prom = startChild('prometheus', promBin, [`--config.file=${configFile}`, `--storage.tsdb.path=${path.join(dir, 'prometheus')}`, `--web.listen-address=${promAddress}`, '--log.level=warn'], progress);
      children.push(prom);
      await waitReady(prom, `http://${promAddress}/-/ready`);
      opts.signal?.throwIfAborted();
      urls.prometheus = `http://${promAddress}`;
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const anyExited = Promise.race(children.map((c) => c.exited.then(() => c.name)));
  return { urls, missing, anyExited, webhookTokenFile, stop };
}
