import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deepFreeze, parsePoolModel } from '@shadowfleet/models/pools';
import { describeIssues } from '../util/zod-errors';
import { configSchema, type WebhookConfig } from './schema';

/**
 * Environment variables that override the config file (README table). The file is JSON; its path
 * comes from `--config` or SHADOWFLEET_WEBHOOK_CONFIG.
 */
export const envVariables = {
  SHADOWFLEET_WEBHOOK_CONFIG: 'path of the JSON config file',
  SHADOWFLEET_WEBHOOK_HOST: 'host',
  SHADOWFLEET_WEBHOOK_PORT: 'port',
  SHADOWFLEET_WEBHOOK_DATA_DIR: 'dataDir',
  SHADOWFLEET_WEBHOOK_TOKEN: 'auth = { type: "bearer", token }',
  SHADOWFLEET_WEBHOOK_TOKEN_FILE: 'auth = { type: "bearer", token: <file content, trimmed> } (e.g. a Docker/Kubernetes secret)',
  SHADOWFLEET_WEBHOOK_BASIC_USER: 'auth = { type: "basic", username, … } (with SHADOWFLEET_WEBHOOK_BASIC_PASSWORD)',
  SHADOWFLEET_WEBHOOK_BASIC_PASSWORD: 'auth = { type: "basic", …, password }',
  SHADOWFLEET_WEBHOOK_NO_AUTH: 'auth = { type: "none" } when 1 or true',
  SHADOWFLEET_WEBHOOK_DRY_RUN: 'dryRun when 1 or true',
  SHADOWFLEET_WEBHOOK_READ_TOKEN: 'readToken (bearer token for GET /v1/intents)',
  SHADOWFLEET_WEBHOOK_READ_TOKEN_FILE: 'readToken: <file content, trimmed>',
} as const;

const truthy = (v: string | undefined) => v !== undefined && ['1', 'true', 'yes'].includes(v.toLowerCase());

export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the top level must be an object');
    return value as Record<string, unknown>;
  } catch (err) {
    throw new Error(`config file ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * The pools of the pool model file named by `poolsFile` (relative to the config file's folder): the same
 * file the exporter's resource manager reads, so both sides agree on every pool by construction.
 */
function readPoolModel(raw: Record<string, unknown>, configFile: string | undefined): unknown {
  const file = path.resolve(configFile ? path.dirname(configFile) : process.cwd(), raw.poolsFile as string);
  if (raw.pools !== undefined) throw new Error(`invalid configuration: give either pools or poolsFile (${file}), not both`);
  const model = parsePoolModel(readConfigFile(file), `pool model ${file}`);
  return model.pools;
}

function readSecret(file: string, variable = 'SHADOWFLEET_WEBHOOK_TOKEN_FILE'): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new Error(`cannot read ${variable} ${file}: ${(err as Error).message}`);
  }
}

/** File (if any), then environment overrides; validated once and frozen. Throws naming each bad field. */
export function loadConfig(env: NodeJS.ProcessEnv, file?: string): WebhookConfig {
  const configFile = file ?? env.SHADOWFLEET_WEBHOOK_CONFIG;
  const raw: Record<string, unknown> = configFile ? readConfigFile(configFile) : {};
  if (typeof raw.poolsFile === 'string') raw.pools = readPoolModel(raw, configFile);
  if (env.SHADOWFLEET_WEBHOOK_HOST) raw.host = env.SHADOWFLEET_WEBHOOK_HOST;
  if (env.SHADOWFLEET_WEBHOOK_PORT) raw.port = Number(env.SHADOWFLEET_WEBHOOK_PORT);
  if (env.SHADOWFLEET_WEBHOOK_DATA_DIR) raw.dataDir = env.SHADOWFLEET_WEBHOOK_DATA_DIR;
  if (env.SHADOWFLEET_WEBHOOK_DRY_RUN !== undefined) raw.dryRun = truthy(env.SHADOWFLEET_WEBHOOK_DRY_RUN);
  if (env.SHADOWFLEET_WEBHOOK_TOKEN) raw.auth = { type: 'bearer', token: env.SHADOWFLEET_WEBHOOK_TOKEN };
  else if (env.SHADOWFLEET_WEBHOOK_TOKEN_FILE) raw.auth = { type: 'bearer', token: readSecret(env.SHADOWFLEET_WEBHOOK_TOKEN_FILE) };
  else if (env.SHADOWFLEET_WEBHOOK_BASIC_USER || env.SHADOWFLEET_WEBHOOK_BASIC_PASSWORD) {
    raw.auth = { type: 'basic', username: env.SHADOWFLEET_WEBHOOK_BASIC_USER ?? '', password: env.SHADOWFLEET_WEBHOOK_BASIC_PASSWORD ?? '' };
  } else if (truthy(env.SHADOWFLEET_WEBHOOK_NO_AUTH)) raw.auth = { type: 'none' };
  if (env.SHADOWFLEET_WEBHOOK_READ_TOKEN) raw.readToken = env.SHADOWFLEET_WEBHOOK_READ_TOKEN;
  else if (env.SHADOWFLEET_WEBHOOK_READ_TOKEN_FILE) raw.readToken = readSecret(env.SHADOWFLEET_WEBHOOK_READ_TOKEN_FILE, 'SHADOWFLEET_WEBHOOK_READ_TOKEN_FILE');
  return parseConfig(raw, configFile);
}

export function parseConfig(raw: unknown, source = 'configuration'): WebhookConfig {
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw new Error(`invalid ${source}:\n  ${describeIssues(parsed.error, 20).join('\n  ')}`);
  return deepFreeze(parsed.data) as WebhookConfig;
}
