import { readFileSync } from 'node:fs';
import path from 'node:path';
import { issueLines, parsePoolModel, STRATEGY_NAMES, type PoolModel } from '@shadowfleet/models';
import { z } from 'zod';
import { FIXED_STRATEGY } from './arm-strategy';

/** HAProxy object names as a runtime command may carry them: no spaces, `;`, `/` or newlines. */
const HAPROXY_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const EXPERIMENT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const haproxyName = z.string().regex(HAPROXY_NAME, 'must be an HAProxy name of letters, digits, "_", ".", ":" or "-" (1–64)');
const strategyNames = [...STRATEGY_NAMES, FIXED_STRATEGY];
const whole = (min: number) => z.number().int(`must be a whole number`).min(min, `must be ≥ ${min}`);

const POOL_NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const arm = z.strictObject({
  /** The pool (of the pool model the webhook reads) the strategy drives, through the webhook's driver. */
  pool: z.string().regex(POOL_NAME, 'must be a pool name of the pool model (a-z, 0-9, _ . -)'),
  /** The HAProxy backend the pool's traffic goes through, where its outcomes are measured (default: the pool's name). */
  backend: haproxyName.optional(),
  strategy: z.string().refine((s) => strategyNames.includes(s), { message: `must be one of ${strategyNames.join(', ')}` }),
  /** For strategy "fixed": the hosts the pool keeps. */
  hosts: whole(1).optional(),
});

const experiment = z.strictObject({
  id: z.string().regex(EXPERIMENT_ID, 'must be 1–64 letters, digits, "_", "." or "-"'),
  name: z.string().max(200).optional(),
  control: haproxyName,
  treatment: haproxyName,
});

/** The live A/B runner's config file (JSON): see README, "Live A/B on your own HAProxy". */
export const liveExperimentConfigSchema = z
  .strictObject({
    /** HAProxy's runtime API socket at level admin (`show stat`: requests and servers per backend; the host agent sets server weights). */
    haproxy_socket: z.string().min(1),
    /** The Alertmanager webhook that scales the arms' pools with its drivers (the product's own path). */
    webhook: z.strictObject({
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of the webhook' }),
      /** A file holding the webhook's bearer token (else --webhook-token or SHADOWFLEET_WEBHOOK_TOKEN). */
      token_file: z.string().min(1).optional(),
    }),
    /** The pool model file the webhook reads (its `poolsFile`): each arm's pool must be declared there. */
    pools_file: z.string().min(1),
    exporter: z.strictObject({
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of the exporter' }),
      /** A file holding the bearer token (else --token or SHADOWFLEET_AUTH_TOKEN). */
      token_file: z.string().min(1).optional(),
    }),
    arms: z.array(arm).min(2, 'must list at least 2 arms (control and treatment)'),
    /** Default: every other arm against the first. */
    experiments: z.array(experiment).min(1).optional(),
    /** C: requests per minute one host serves within the SLO (the strategies size pools with it). */
    capacity_per_host: z.number().positive('must be > 0'),
    cold_start_minutes: whole(0).default(5),
    shadow_activation_minutes: whole(0).default(1),
    shadow_cost: z.number().min(0, 'must be ≥ 0').max(1, 'must be ≤ 1').default(0.1),
    /** Live minutes to run. */
    minutes: whole(1),
    segment_minutes: whole(1).default(5),
    /** Segments before a verdict on cost. */
    min_segments: whole(2).max(10_000).default(7),
    /** 1 − Apdex the treatment may lose before the stop rule counts it as harm. */
    slo_margin: z.number().min(0, 'must be ≥ 0').max(1, 'must be ≤ 1').default(0.02),
    /** Wall-clock ms per strategy minute (60000; lower only for a replay compressed in time). */
    minute_ms: whole(100).default(60_000),
    /** Wait after a segment ends before its KPIs are read (HAProxy's log lines of its last requests). */
    log_grace_ms: whole(0).default(2_000),
    tuner_segment_minutes: whole(1).default(60),
    tuner_warmup_minutes: whole(0).default(1440),
    /** Past requests per minute the strategies see first: a trace CSV (as for simulate), each pool's `share` of it. */
    history: z
      .strictObject({
        file: z.string().min(1),
        column: z.string().optional(),
        share: z.number().gt(0).max(1).optional(),
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    const pools = c.arms.map((a) => a.pool);
    const backends = c.arms.map((a) => a.backend ?? a.pool);
    c.arms.forEach((a, i) => {
      if (pools.indexOf(a.pool) !== i) ctx.addIssue({ code: 'custom', path: ['arms', i, 'pool'], message: `"${a.pool}" is listed twice` });
      else if (backends.indexOf(backends[i]) !== i) ctx.addIssue({ code: 'custom', path: ['arms', i, 'backend'], message: `"${backends[i]}" is measured for another arm too` });
      if (a.strategy === FIXED_STRATEGY && a.hosts === undefined) ctx.addIssue({ code: 'custom', path: ['arms', i, 'hosts'], message: 'is required for strategy "fixed"' });
      if (a.strategy !== FIXED_STRATEGY && a.hosts !== undefined) ctx.addIssue({ code: 'custom', path: ['arms', i, 'hosts'], message: 'applies only to strategy "fixed"' });
    });
    c.experiments?.forEach((e, i) => {
      for (const side of ['control', 'treatment'] as const) {
        if (!pools.includes(e[side])) ctx.addIssue({ code: 'custom', path: ['experiments', i, side], message: `"${e[side]}" is not an arm's pool (${pools.join(', ')})` });
      }
      if (e.control === e.treatment) ctx.addIssue({ code: 'custom', path: ['experiments', i, 'treatment'], message: 'must differ from control' });
    });
    if (c.segment_minutes > c.minutes) ctx.addIssue({ code: 'custom', path: ['segment_minutes'], message: `must be ≤ minutes (${c.minutes})` });
  });

export type LiveExperimentConfig = z.infer<typeof liveExperimentConfigSchema>;
export type LiveArmConfig = LiveExperimentConfig['arms'][number];

/** The HAProxy backend an arm is measured on. */
export const backendOf = (a: LiveArmConfig): string => a.backend ?? a.pool;

/**
 * Reads the pool model the webhook scales with and checks the arms against it: each arm's pool is declared,
 * and a pool the haproxy driver scales is measured on the backend it drives. Errors name the field.
 */
export function checkArmPools(c: LiveExperimentConfig): PoolModel {
  let text: string;
  try {
    text = readFileSync(c.pools_file, 'utf8');
  } catch (err) {
    throw new Error(`pools_file ${c.pools_file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let model: PoolModel;
  try {
    model = parsePoolModel(JSON.parse(text), `pools_file ${c.pools_file}`);
  } catch (err) {
    throw new Error(err instanceof SyntaxError ? `pools_file ${c.pools_file}: not JSON (${err.message})` : (err as Error).message);
  }
  const declared = Object.keys(model.pools);
  c.arms.forEach((a, i) => {
    const pool = model.pools[a.pool];
    if (!pool) throw new Error(`arms.${i}.pool: "${a.pool}" is not a pool of ${c.pools_file} (it has ${declared.join(', ')})`);
    const driven = pool.driver === 'haproxy' ? (pool.options as { backend?: unknown }).backend : undefined;
    if (typeof driven === 'string' && driven !== backendOf(a)) {
      throw new Error(`arms.${i}.backend: the pool model drives HAProxy backend "${driven}" for pool ${a.pool} but the arm is measured on "${backendOf(a)}"`);
    }
  });
  return model;
}

/** Validates a parsed config; the error names every bad field ("arms.1.strategy: must be one of …"). */
export function parseLiveExperimentConfig(json: unknown, source = 'config'): LiveExperimentConfig {
  const parsed = liveExperimentConfigSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new Error(`${source}: ${issueLines(parsed.error, '(top level)').join('; ')}`);
}

/** Reads and validates a config file; its relative paths (token files, pools file, history) are from the file's folder. */
export function readLiveExperimentConfig(file: string): LiveExperimentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`--config ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`--config ${file}: not JSON (${(err as Error).message})`);
  }
  const c = parseLiveExperimentConfig(json, file);
  const from = (p: string): string => path.resolve(path.dirname(file), p);
  return {
    ...c,
    exporter: { ...c.exporter, token_file: c.exporter.token_file && from(c.exporter.token_file) },
    webhook: { ...c.webhook, token_file: c.webhook.token_file && from(c.webhook.token_file) },
    pools_file: from(c.pools_file),
    history: c.history && { ...c.history, file: from(c.history.file) },
  };
}

/** The experiments to run: the configured ones, or every other arm against the first. */
export function experimentsOf(c: LiveExperimentConfig): Array<{ id: string; name: string; control: string; treatment: string }> {
  const label = (pool: string): string => {
    const a = c.arms.find((x) => x.pool === pool)!;
    return a.strategy === FIXED_STRATEGY ? `fixed ${a.hosts} host(s)` : a.strategy;
  };
  const list: Array<{ id: string; name?: string; control: string; treatment: string }> = c.experiments ?? c.arms.slice(1).map((a) => ({ id: `${a.pool}-vs-${c.arms[0].pool}`.slice(0, 64), control: c.arms[0].pool, treatment: a.pool }));
  return list.map((e) => ({ ...e, name: e.name ?? `live: ${label(e.treatment)} (${e.treatment}) vs ${label(e.control)} (${e.control})` }));
}
