import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { resolveAuthToken } from './auth-token';

describe('resolveAuthToken', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sf-token-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a random token in the data dir with mode 0600, then reuses it', () => {
    const first = resolveAuthToken(loadConfig({}, { dataDir: dir }));
    expect(first.generated).toBe(true);
    expect(first.tokenFile).toBe(path.join(dir, 'auth-token'));
    expect(statSync(first.tokenFile!).mode & 0o777).toBe(0o600);
    expect(first.config.authToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(first.tokenFile!, 'utf8').trim()).toBe(first.config.authToken);
    const again = resolveAuthToken(loadConfig({}, { dataDir: dir }));
    expect([again.generated, again.config.authToken]).toEqual([false, first.config.authToken]);
  });

  it('leaves a configured token or --no-auth alone', () => {
    expect(resolveAuthToken(loadConfig({}, { dataDir: dir, noAuth: true })).tokenFile).toBeUndefined();
    expect(resolveAuthToken(loadConfig({}, { dataDir: dir, authToken: 'y'.repeat(16) })).config.authToken).toBe('y'.repeat(16));
  });

  it('refuses a token file that holds a short token', () => {
    writeFileSync(path.join(dir, 'auth-token'), 'short', { mode: 0o600 });
    expect(() => resolveAuthToken(loadConfig({}, { dataDir: dir }))).toThrow(/auth-token must hold a token of at least 16 characters/);
  });
});
