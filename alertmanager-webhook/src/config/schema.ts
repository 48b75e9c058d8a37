import path from 'node:path';
import { z } from 'zod';
import { poolNameSchema as poolName, poolSchema as modelPoolSchema } from '@shadowfleet/models/pools';
import { driverKinds, findDriver } from '../drivers/registry';

/**
 * The webhook's configuration: one schema for the file and the environment (README table
 * "Webhook configuration"). Parsed once, frozen, passed down.
 */
/**
 * A pool: the pool model's schema (models/src/pools, shared with the exporter) plus this webhook's checks:
 * the driver must be registered and its options valid. The pools come inline (`pools`) or from the pool
 * model file (`poolsFile`, provisioning/pools.json) that the exporter reads too.
 */
export const poolSchema = modelPoolSchema.superRefine((pool, ctx) => {
    if (!(driverKinds as readonly string[]).includes(pool.driver)) {
      ctx.addIssue({ code: 'custom', path: ['driver'], message: `must be one of ${driverKinds.join(', ')}` });
      return;
    }
    const parsed = findDriver(pool.driver).options.safeParse(pool.options);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['options', ...issue.path], message: issue.message });
    }
  });

const authSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bearer'), token: z.string().min(16, 'bearer token must be at least 16 characters') }),
  z.object({ type: z.literal('basic'), username: z.string().min(1, 'must not be empty'), password: z.string().min(12, 'basic auth password must be at least 12 characters') }),
  /** Explicit opt-out; never the default. */
  z.object({ type: z.literal('none') }),
]);

export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(9095),
    auth: authSchema.optional(),
    /** Bearer token for the read API (GET /v1/intents) alone, so a reader such as Grafana never holds the write credential. */
    readToken: z.string().min(16, 'read token must be at least 16 characters').optional(),
    dataDir: z.string().min(1).default(path.join(process.cwd(), '.shadowfleet-webhook')),
    dryRun: z.boolean().default(false),
    bodyLimitBytes: z.number().int().min(1024, 'must be >= 1024').max(16 * 1024 * 1024, 'must be <= 16 MiB').default(1024 * 1024),
    maxAlertsPerRequest: z.number().int().min(1).default(1000),
    maxConcurrentActions: z.number().int().min(1, 'must be >= 1').default(4),
    /** Accepted intents waiting to run; beyond this the webhook answers 503 and Alertmanager retries. */
    maxQueuedActions: z.number().int().min(1).default(10_000),
    rateLimit: z
      .object({ maxChanges: z.number().int().min(1, 'must be >= 1').default(20), windowSeconds: z.number().gt(0, 'must be > 0').default(60) })
      .prefault({}),
    actionTimeoutSeconds: z.number().gt(0, 'must be > 0').default(120),
    drainTimeoutSeconds: z.number().min(0).default(30),
    /** On restart, unfinished intents older than this are abandoned instead of run. */
    intentMaxAgeSeconds: z.number().gt(0).default(3600),
    /** At start, intents finished longer ago than this are dropped from the log (dedupe and cooldowns need only recent ones). */
    intentRetentionDays: z.number().gt(0, 'must be > 0').default(30),
    /** The pool model file the pools come from (relative to this config file); replaces `pools`. */
    poolsFile: z.string().min(1).optional(),
    pools: z.record(poolName, poolSchema, { error: (issue) => (issue.input === undefined ? 'no pools configured: give a JSON config file with a "pools" object (--config or SHADOWFLEET_WEBHOOK_CONFIG)' : undefined) }),
  })
  .superRefine((c, ctx) => {
    if (c.readToken !== undefined && c.auth?.type === 'bearer' && c.auth.token === c.readToken) {
      ctx.addIssue({ code: 'custom', path: ['readToken'], message: 'must differ from the write token (auth.token): a reader must not be able to post alerts' });
    }
    if (c.auth === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth'],
        message: 'authentication is required: set a bearer token (SHADOWFLEET_WEBHOOK_TOKEN) or basic auth, or opt out explicitly with auth.type "none" (SHADOWFLEET_WEBHOOK_NO_AUTH=1)',
      });
    }
  });

export type WebhookConfig = Readonly<z.infer<typeof configSchema>> & { readonly auth: z.infer<typeof authSchema> };
/** What the webhook uses of a pool (the pool model's other fields are for the exporter's resource manager). */
export type PoolConfig = Pick<z.infer<typeof poolSchema>, 'driver' | 'options' | 'min' | 'max' | 'cooldownSeconds' | 'scaleBack'>;
export type AuthConfig = z.infer<typeof authSchema>;
