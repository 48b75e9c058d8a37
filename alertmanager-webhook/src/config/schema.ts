import path from 'node:path';
import { z } from 'zod';
import { driverKinds, findDriver } from '../drivers/registry';

/**
 * The webhook's configuration: one schema for the file and the environment (README table
 * "Webhook configuration"). Parsed once, frozen, passed down.
 */
const poolName = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}$/, 'must be 1-63 characters of a-z, 0-9, _ . - starting with a letter or digit');
const seconds = (fallback: number) => z.number().min(0, 'must be >= 0 seconds').default(fallback);

export const poolSchema = z
  .object({
    driver: z.enum(driverKinds, { error: `must be one of ${driverKinds.join(', ')}` }),
    min: z.number().int().min(0, 'must be >= 0').default(0),
    max: z.number().int().min(1, 'must be >= 1'),
    /** After a change, further changes to this pool are skipped for this long. */
    cooldownSeconds: seconds(60),
    scaleBack: z
      .object({
        /** A resolved alert reverses the change its firing alert made. */
        enabled: z.boolean().default(true),
        /** Wait this long after the resolution before scaling back. */
        delaySeconds: seconds(300),
      })
      .prefault({}),
    /** Driver-specific options, checked by the driver's own schema. */
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .superRefine((pool, ctx) => {
    if (pool.min > pool.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `must be <= max (${pool.max}), got ${pool.min}` });
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
    pools: z.record(poolName, poolSchema, { error: (issue) => (issue.input === undefined ? 'no pools configured: give a JSON config file with a "pools" object (--config or SHADOWFLEET_WEBHOOK_CONFIG)' : undefined) }),
  })
  .superRefine((c, ctx) => {
    if (c.auth === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth'],
        message: 'authentication is required: set a bearer token (SHADOWFLEET_WEBHOOK_TOKEN) or basic auth, or opt out explicitly with auth.type "none" (SHADOWFLEET_WEBHOOK_NO_AUTH=1)',
      });
    }
  });

export type WebhookConfig = Readonly<z.infer<typeof configSchema>> & { readonly auth: z.infer<typeof authSchema> };
export type PoolConfig = z.infer<typeof poolSchema>;
export type AuthConfig = z.infer<typeof authSchema>;
