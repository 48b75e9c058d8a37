import path from 'node:path';
import { z } from 'zod';

/**
 * The exporter's configuration, parsed once from the environment (SHADOWFLEET_*) and command-line
 * overrides, validated by one schema, frozen and passed down. Every option is in the README's table.
 */
export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(9464),
    dataDir: z.string().min(1).default(path.join(process.cwd(), '.shadowfleet')),
    authToken: z.string().min(16, 'must be at least 16 characters').optional(),
    noAuth: z.coerce.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    if (!c.noAuth && !c.authToken) {
      ctx.addIssue({
        code: 'custom',
        path: ['authToken'],
        message:
          'writes need a bearer token: set SHADOWFLEET_AUTH_TOKEN (16+ characters) or start explicitly without auth (--no-auth / SHADOWFLEET_NO_AUTH=1)',
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
};

/** Environment first, then explicit overrides (undefined overrides are ignored). Throws naming each bad field. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Record<keyof RawConfig, unknown>> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const v = env[name];
    if (v !== undefined && v !== '') raw[key] = key === 'noAuth' ? v === '1' || v === 'true' : v;
  }
  for (const [key, v] of Object.entries(overrides)) if (v !== undefined) raw[key] = v;
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.join('.') as keyof RawConfig;
      return `  ${key}${envNames[key] ? ` (${envNames[key]})` : ''}: ${i.message}`;
    });
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}
