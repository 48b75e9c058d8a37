import { writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { freePort } from './ports';
import { spawnManaged, tempDir, type ManagedProcess } from './process';
import { getJson, waitFor } from './wait';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
/** Prometheus throttles target discovery: the first scrape comes ≈5.5 s after start (ENVIRONMENT.md). */
export const PROMETHEUS_TARGETS_TIMEOUT_MS = 30_000;

export interface ScrapeJob {
  readonly job: string;
  /** host:port pairs. */
  readonly targets: readonly string[];
  readonly metricsPath?: string;
}

export interface PrometheusOptions {
  readonly scrape: readonly ScrapeJob[];
  /** Absolute paths of rule files to load. */
  readonly ruleFiles?: readonly string[];
  /** host:port of Alertmanagers to send alerts to. */
  readonly alertmanagers?: readonly string[];
  readonly scrapeInterval?: string;
  readonly evaluationInterval?: string;
  /** Fills the TSDB directory before Prometheus starts (e.g. blocks from `promtool tsdb create-blocks-from`). */
  readonly seed?: (tsdbDir: string) => void;
}

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: number;
}

export interface PromAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: 'pending' | 'firing' | 'inactive';
  readonly activeAt?: string;
  readonly value: string;
}

export interface RunningPrometheus {
  readonly url: string;
  readonly process: ManagedProcess;
  /** Instant query; returns the vector's samples (a scalar becomes one sample with no labels). */
  query(expr: string): Promise<PromSample[]>;
  alerts(): Promise<PromAlert[]>;
  stop(): Promise<void>;
}

interface ApiResponse<T> {
  readonly status: string;
  readonly data: T;
  readonly error?: string;
}

/** The prometheus.yml for the given jobs, rule files and Alertmanagers (YAML text). */
export function prometheusConfig(opts: PrometheusOptions): string {
  const config = {
    global: { scrape_interval: opts.scrapeInterval ?? '1s', evaluation_interval: opts.evaluationInterval ?? '1s' },
    rule_files: opts.ruleFiles ?? [],
    alerting: opts.alertmanagers?.length
      ? { alertmanagers: [{ static_configs: [{ targets: opts.alertmanagers }] }] }
      : undefined,
    scrape_configs: opts.scrape.map((j) => ({
      job_name: j.job,
      metrics_path: j.metricsPath ?? '/metrics',
      static_configs: [{ targets: j.targets }],
    })),
  };
  return yaml.dump(JSON.parse(JSON.stringify(config)));
}

/**
 * Starts the Debian Prometheus on loopback with a temporary config and TSDB folder, and returns once it
 * is ready AND every configured target has been scraped successfully (health "up").
 */
export async function startPrometheus(opts: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = tempDir('prometheus');
  const port = await freePort();
  const configFile = path.join(dir.path, 'prometheus.yml');
  writeFileSync(configFile, prometheusConfig(opts));
  opts.seed?.(path.join(dir.path, 'data'));
  const proc = spawnManaged('prometheus', PROMETHEUS_BIN, [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${path.join(dir.path, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await proc.stop();
    dir.remove();
  };
  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, { what: 'Prometheus /-/ready', abortIf: proc.assertRunning });
    const expected = opts.scrape.reduce((n, j) => n + j.targets.length, 0);
    await waitFor(
      async () => {
        const body = await getJson<ApiResponse<{ activeTargets: Array<{ health: string }> }>>(`${url}/api/v1/targets?state=active`);
        const up = body.data.activeTargets.filter((t) => t.health === 'up').length;
        return up >= expected;
      },
      { what: `all ${expected} Prometheus targets up`, timeoutMs: PROMETHEUS_TARGETS_TIMEOUT_MS, abortIf: proc.assertRunning },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    process: proc,
    async query(expr) {
      const body = await getJson<ApiResponse<{ resultType: string; result: unknown }>>(
        `${url}/api/v1/query?query=${encodeURIComponent(expr)}`,
      );
      if (body.data.resultType === 'scalar') {
        const [, v] = body.data.result as [number, string];
        return [{ metric: {}, value: Number(v) }];
      }
      return (body.data.result as Array<{ metric: Record<string, string>; value: [number, string] }>).map((r) => ({
        metric: r.metric,
        value: Number(r.value[1]),
      }));
    },
    async alerts() {
      return (await getJson<ApiResponse<{ alerts: PromAlert[] }>>(`${url}/api/v1/alerts`)).data.alerts;
    },
    stop,
  };
}
