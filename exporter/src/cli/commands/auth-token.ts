import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';

export const TOKEN_FILE = 'auth-token';

/**
 * Secure by default and one command works: when neither a token nor --no-auth is configured, use
 * the token kept in `<dataDir>/auth-token`, generating a random one (32 bytes, base64url) with mode
 * 0600 on first start. Returns the config with the token and, when the file was used, its path.
 */
export function resolveAuthToken(config: Config): { config: Config; tokenFile?: string; generated: boolean } {
  if (config.noAuth || config.authToken) return { config, generated: false };
  const file = path.join(config.dataDir, TOKEN_FILE);
  let token: string;
  let generated = false;
  try {
    token = readFileSync(file, 'utf8').trim();
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    mkdirSync(config.dataDir, { recursive: true });
    token = randomBytes(32).toString('base64url');
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    generated = true;
  }
  if (token.length < 16) throw new Error(`${file} must hold a token of at least 16 characters; delete it to generate a new one`);
  return { config: Object.freeze({ ...config, authToken: token }), tokenFile: file, generated };
}
