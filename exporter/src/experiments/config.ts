import { readFileSync } from 'node:fs';
import path from 'node:path';
import { STRATEGY_NAMES, issueLines } from '@shadowfleet/models';
import { z } from 'zod';
import { FIXED_STRATEGY } from './arm-strategy';

/** HAProxy object names as a runtime command may carry them: no spaces, `;`, `/` or newlines. */
const HAPROXY_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const EXPERIMENT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const haproxyName = z.string().regex(HAPROXY_NAME, 'must be an HAProxy name of letters, digits, "_", ".", ":" or "-" (1–64)');
const strategyNames = [...STRATEGY_NAMES, FIXED_STRATEGY];
const whole = (min: number) => z.number().int(`must be a whole number`).min(min, `must be ≥ ${min}`);

const arm = z.strictObject({
  /** The HAProxy backend (pool) the strategy drives. */
  backend: haproxyName,
  /** Its servers in the order they are put in service (the first N serve when the strategy wants N hosts). */
  servers: z.array(haproxyName).min(1, 'must list at least one server'),
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
    /** HAProxy's runtime API socket (`stats socket PATH level admin`). */
    haproxy_socket: z.string().min(1),
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
    const backends = c.arms.map((a) => a.backend);
    c.arms.forEach((a, i) => {
      if (backends.indexOf(a.backend) !== i) ctx.addIssue({ code: 'custom', path: ['arms', i, 'backend'], message: `"${a.backend}" is listed twice` });
      if (new Set(a.servers).size !== a.servers.length) ctx.addIssue({ code: 'custom', path: ['arms', i, 'servers'], message: 'lists a server twice' });
      if (a.strategy === FIXED_STRATEGY && a.hosts === undefined) ctx.addIssue({ code: 'custom', path: ['arms', i, 'hosts'], message: 'is required for strategy "fixed"' });
      if (a.strategy !== FIXED_STRATEGY && a.hosts !== undefined) ctx.addIssue({ code: 'custom', path: ['arms', i, 'hosts'], message: 'applies only to strategy "fixed"' });
    });
    c.experiments?.forEach((e, i) => {
      for (const side of ['control', 'treatment'] as const) {
        if (!backends.includes(e[side])) ctx.addIssue({ code: 'custom', path: ['experiments', i, side], message: `"${e[side]}" is not an arm's backend (${backends.join(', ')})` });
      }
      if (e.control === e.treatment) ctx.addIssue({ code: 'custom', path: ['experiments', i, 'treatment'], message: 'must differ from control' });
    });
    if (c.segment_minutes > c.minutes) ctx.addIssue({ code: 'custom', path: ['segment_minutes'], message: `must be ≤ minutes (${c.minutes})` });
  });

export type LiveExperimentConfig = z.infer<typeof liveExperimentConfigSchema>;
export type LiveArmConfig = LiveExperimentConfig['arms'][number];

/** Validates a parsed config; the error names every bad field ("arms.1.strategy: must be one of …"). */
export function parseLiveExperimentConfig(json: unknown, source = 'config'): LiveExperimentConfig {
  const parsed = liveExperimentConfigSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new Error(`${source}: ${issueLines(parsed.error, '(top level)').join('; ')}`);
}

/** Reads and validates a config file; its relative paths (token file, history) are from the file's folder. */
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
    history: c.history && { ...c.history, file: from(c.history.file) },
  };
}

/** The experiments to run: the configured ones, or every other arm against the first. */
export function experimentsOf(c: LiveExperimentConfig): Array<{ id: string; name: string; control: string; treatment: string }> {
  const label = (backend: string): string => {
    const a = c.arms.find((x) => x.backend === backend)!;
    return a.strategy === FIXED_STRATEGY ? `fixed ${a.hosts} host(s)` : a.strategy;
  };
  const list: Array<{ id: string; name?: string; control: string; treatment: string }> = c.experiments ?? c.arms.slice(1).map((a) => ({ id: `${a.backend}-vs-${c.arms[0].backend}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64), control: c.arms[0].backend, treatment: a.backend }));
  return list.map((e) => ({ ...e, name: e.name ?? `live: ${label(e.treatment)} (${e.treatment}) vs ${label(e.control)} (${e.control})` }));
}
