import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { fieldIssues } from '@shadowfleet/models';
import { DEFAULT_USER_IDENTITY, parseUserIdentity } from './identity/user-identity';

/**
 * The exporter's configuration, parsed once from the environment (SHADOWFLEET_*) and command-line
 * overrides, validated by one schema, frozen and passed down. Every option is in the README's table.
 * A missing token is allowed here: `shadowfleet start` then generates one in the data dir (see
 * cli/commands/auth-token.ts); `startExporter` refuses to run without a token unless `noAuth`.
 */
export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(9464),
    dataDir: z.string().min(1).default(path.join(process.cwd(), '.shadowfleet')),
    authToken: z.string().min(16, 'must be at least 16 characters').optional(),
    noAuth: z.coerce.boolean().default(false),
    /** Days of events kept (by event time); 0 keeps everything. */
    retentionDays: z.coerce.number().min(0, 'must be >= 0 (0 keeps everything)').default(0),
    /** Inactivity that ends a session when events come without a session id. */
    sessionGapMinutes: z.coerce.number().gt(0, 'must be > 0').default(30),
    /** Largest request body, compressed and decompressed. */
    maxBodyBytes: z.coerce.number().int().min(1024, 'must be >= 1024').default(16 * 1024 * 1024),
    /** Most records in one batch. */
    maxBatchEvents: z.coerce.number().int().min(1, 'must be >= 1').default(10_000),
    /** Events waiting for the store before new batches are answered 429. */
    maxPendingEvents: z.coerce.number().int().min(1, 'must be >= 1').default(200_000),
    /** Write requests being read and validated at once before new ones get 429 (bounds buffered bodies). */
    maxInFlightRequests: z.coerce.number().int().min(1, 'must be >= 1').default(32),
    /** Import the bundled samples (data/samples) when the store is created. */
    importSamples: z.coerce.boolean().default(true),
    /** JSON file of trend and shadow fleet settings (templates, capacity, cold start…; exporter/src/trend/settings.ts). */
    trendSettings: z.string().min(1).optional(),
    /** Seconds between recomputations of the complexity-load forecasts and next-action predictions. */
    forecastRefreshSeconds: z.coerce.number().min(1, 'must be >= 1 second').default(60),
    /** Most live sessions whose next-action LSTM state is kept between refreshes (about 1.4 KB each); more are forecast from their whole window. */
    maxTrackedSessions: z.coerce.number().int().min(1, 'must be an integer >= 1').default(1_000_000),
    /** Minutes between scheduled next-action retraining runs; 0 retrains on demand only (POST /v1/nextaction/retrain). */
    retrainMinutes: z.coerce.number().min(0, 'must be >= 0 (0 retrains on demand only)').default(60),
    /** Minutes between scheduled profile rebuilds; 0 rebuilds on demand only. */
    profileRebuildMinutes: z.coerce.number().min(0, 'must be >= 0 (0 rebuilds on demand only)').default(60),
    /** Largest number of profiles (k) the search tries (the gap rule usually stops before it). */
    profileKMax: z.coerce.number().int().min(2, 'must be an integer >= 2').max(50, 'must be <= 50').default(10),
    /**
     * How k is chosen: `silhouette` (highest mean silhouette; shadowfleet_profile_k_at_search_limit says when k is
     * the edge of the search) or `gap` (the gap statistic's 1-SE rule, which can stop). The default follows the
     * measurements in docs/behaviour.md: gap stopped on NASA (k = 13) but not on MSNBC, at 10–25× the rebuild time.
     */
    profileKRule: z.enum(['gap', 'silhouette'], { message: 'must be one of gap, silhouette' }).default('silhouette'),
    /** The pool model (provisioning/pools.json): every pool the resource manager decides for, shared with the webhook. */
    poolsFile: z.string().min(1).optional(),
    /** A partial policy layered over the defaults (the API's changes are layered over it and kept in the data dir). */
    policyFile: z.string().min(1).optional(),
    /** Seconds between resource manager decisions; also the step its load history is aggregated by. */
    decisionIntervalSeconds: z.coerce.number().int('must be a whole number of seconds').min(1, 'must be >= 1 second').max(3600, 'must be <= 3600 seconds').default(60),
    /** Comma-separated results files whose experiments GET /v1/experiments lists (e.g. bench/results/adaptive.json). */
    experimentsFiles: z.string().default(''),
    /** UDP port for HAProxy's KPI log lines (unset: KPIs off). */
    kpiSyslogPort: z.coerce.number().int().min(1, 'must be an integer in 1 … 65535').max(65535, 'must be an integer in 1 … 65535').optional(),
    kpiSyslogHost: z.string().min(1).default('127.0.0.1'),
    /** Comma-separated source addresses the KPI listener accepts datagrams from (empty: any that reach it). */
    kpiSyslogAllowFrom: z
      .string()
      .default('')
      .transform((s) => s.split(',').map((a) => a.trim()).filter((a) => a !== ''))
      .superRefine((addresses, ctx) => {
        for (const a of addresses) if (net.isIP(a) === 0) ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of IP addresses, got "${a}"` });
      }),
    /** Make behaviour events of HAProxy log lines that carry the event fields (docs/ingest-sources.md). */
    haproxyEvents: z.coerce.boolean().default(true),
    /** For HAProxy log events: use the client address as the user when a line carries no captured user. */
    haproxyUserFromSource: z.coerce.boolean().default(false),
    /** JSON file of rules that turn request paths into actions (HAProxy log, OTLP logs): exporter/src/importers/action-rules.ts. */
    actionRulesFile: z.string().min(1).optional(),
    /** HAProxy stats socket (UNIX path) for backend utilisation, session rate and queue (unset: off). */
    haproxyStatsSocket: z.string().min(1).optional(),
    /** Which part of a request HAProxy reads as the user (`cookie:<name>`, `header:<name>`, `source`): the key of the priority map. */
    userIdentity: z
      .string()
      .default(DEFAULT_USER_IDENTITY)
      .transform((s, ctx) => {
        const r = parseUserIdentity(s);
        if (r.ok) return r.identity;
        ctx.addIssue({ code: 'custom', message: r.message });
        return z.NEVER;
      }),
    /** HAProxy map of user → queue priority class, as haproxy.cfg names it (unset: profile priorities do not reach HAProxy). */
    priorityMapFile: z.string().min(1).optional(),
    /** Most entries in the priority map (users furthest from the default class are kept first). */
    priorityMapMaxEntries: z.coerce.number().int().min(1, 'must be an integer >= 1').max(10_000_000, 'must be <= 10000000').default(1_000_000),
    /** Apdex threshold T in milliseconds (satisfied ≤ T, tolerating ≤ 4T). */
    apdexThresholdMs: z.coerce.number().gt(0, 'must be > 0').default(500),
    /** Seconds of requests the KPIs are computed over. */
    kpiWindowSeconds: z.coerce.number().gt(0, 'must be > 0').default(300),
    /** Base URLs of every exporter shard in shard order, comma-separated (docs/scaling-out.md); empty: this exporter owns every user. */
    shards: z
      .string()
      .default('')
      .transform((s) => s.split(',').map((u) => u.trim()).filter((u) => u !== ''))
      .superRefine((urls, ctx) => {
        for (const u of urls) if (!URL.canParse(u) || !/^https?:$/.test(new URL(u).protocol)) ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of http(s) base URLs, got "${u}"` });
      }),
    /** This exporter's index in `shards` (0 … n-1; on Kubernetes the StatefulSet pod index). Shard 0 decides for the pools. */
    shardIndex: z.coerce.number().int('must be an integer >= 0').min(0, 'must be an integer >= 0').optional(),
    /** Shards other than 0: seconds between checks whether shard 0's profile model changed (they then take it and reassign their users). */
    shardProfilePollSeconds: z.coerce.number().min(1, 'must be >= 1 second').default(30),
    /** Shards other than 0: seconds between checks whether shard 0's live policy changed (they then take it; docs/scaling-out.md). */
    shardPolicyPollSeconds: z.coerce.number().min(1, 'must be >= 1 second').default(5),
  })
  .superRefine((c, ctx) => {
    if (c.shards.length > 0 && (c.shardIndex === undefined || c.shardIndex >= c.shards.length)) {
      ctx.addIssue({ code: 'custom', path: ['shardIndex'], message: `must be set to this exporter's index in shards (0 … ${c.shards.length - 1}), got ${c.shardIndex ?? 'nothing'}` });
    }
    if (c.shards.length === 0 && c.shardIndex !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['shards'], message: `must list every shard's base URL when shardIndex is set (got shardIndex ${c.shardIndex} and no shards)` });
    }
    if (c.maxBatchEvents > c.maxPendingEvents) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxBatchEvents'],
        message: `must be <= maxPendingEvents (${c.maxPendingEvents}), got ${c.maxBatchEvents}: a batch larger than the queue could never be accepted`,
      });
    }
  });

export type Config = Readonly<z.infer<typeof configSchema>>;
type RawConfig = z.input<typeof configSchema>;

const envNames: Record<keyof RawConfig, string> = {
  host: 'SHADOWFLEET_HOST',
  port: 'SHADOWFLEET_PORT',
  dataDir: 'SHADOWFLEET_DATA_DIR',
  authToken: 'SHADOWFLEET_AUTH_TOKEN',
  noAuth: 'SHADOWFLEET_NO_AUTH',
  retentionDays: 'SHADOWFLEET_RETENTION_DAYS',
  sessionGapMinutes: 'SHADOWFLEET_SESSION_GAP_MINUTES',
  maxBodyBytes: 'SHADOWFLEET_MAX_BODY_BYTES',
  maxBatchEvents: 'SHADOWFLEET_MAX_BATCH_EVENTS',
  maxPendingEvents: 'SHADOWFLEET_MAX_PENDING_EVENTS',
  maxInFlightRequests: 'SHADOWFLEET_MAX_INFLIGHT_REQUESTS',
  importSamples: 'SHADOWFLEET_IMPORT_SAMPLES',
  trendSettings: 'SHADOWFLEET_TREND_SETTINGS',
  forecastRefreshSeconds: 'SHADOWFLEET_FORECAST_REFRESH_SECONDS',
  maxTrackedSessions: 'SHADOWFLEET_MAX_TRACKED_SESSIONS',
  retrainMinutes: 'SHADOWFLEET_RETRAIN_MINUTES',
  profileRebuildMinutes: 'SHADOWFLEET_PROFILE_REBUILD_MINUTES',
  profileKMax: 'SHADOWFLEET_PROFILE_K_MAX',
  profileKRule: 'SHADOWFLEET_PROFILE_K_RULE',
  poolsFile: 'SHADOWFLEET_POOLS_FILE',
  policyFile: 'SHADOWFLEET_POLICY_FILE',
  decisionIntervalSeconds: 'SHADOWFLEET_DECISION_INTERVAL_SECONDS',
  experimentsFiles: 'SHADOWFLEET_EXPERIMENTS_FILES',
  kpiSyslogPort: 'SHADOWFLEET_KPI_SYSLOG_PORT',
  kpiSyslogHost: 'SHADOWFLEET_KPI_SYSLOG_HOST',
  kpiSyslogAllowFrom: 'SHADOWFLEET_KPI_SYSLOG_ALLOW_FROM',
  haproxyEvents: 'SHADOWFLEET_HAPROXY_EVENTS',
  haproxyUserFromSource: 'SHADOWFLEET_HAPROXY_USER_FROM_SOURCE',
  actionRulesFile: 'SHADOWFLEET_ACTION_RULES_FILE',
  haproxyStatsSocket: 'SHADOWFLEET_HAPROXY_STATS_SOCKET',
  userIdentity: 'SHADOWFLEET_USER_IDENTITY',
  priorityMapFile: 'SHADOWFLEET_PRIORITY_MAP_FILE',
  priorityMapMaxEntries: 'SHADOWFLEET_PRIORITY_MAP_MAX_ENTRIES',
  apdexThresholdMs: 'SHADOWFLEET_APDEX_THRESHOLD_MS',
  kpiWindowSeconds: 'SHADOWFLEET_KPI_WINDOW_SECONDS',
  shards: 'SHADOWFLEET_SHARDS',
  shardIndex: 'SHADOWFLEET_SHARD_INDEX',
  shardProfilePollSeconds: 'SHADOWFLEET_SHARD_PROFILE_POLL_SECONDS',
  shardPolicyPollSeconds: 'SHADOWFLEET_SHARD_POLICY_POLL_SECONDS',
};

const booleanKeys = new Set<string>(['noAuth', 'importSamples', 'haproxyEvents', 'haproxyUserFromSource']);

/** Environment first, then explicit overrides (undefined overrides are ignored). Throws naming each bad field. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Record<keyof RawConfig, unknown>> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const v = env[name];
    if (v !== undefined && v !== '') raw[key] = booleanKeys.has(key) ? v === '1' || v.toLowerCase() === 'true' : v;
  }
  for (const [key, v] of Object.entries(overrides)) if (v !== undefined) raw[key] = v;
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = fieldIssues(parsed.error, '(root)').map(({ field, message }) => {
      const env = envNames[field as keyof RawConfig];
      return `  ${field}${env ? ` (${env})` : ''}: ${message}`;
    });
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

/** Where the DuckDB store lives inside the data dir. */
export function storePath(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'events.duckdb');
}
