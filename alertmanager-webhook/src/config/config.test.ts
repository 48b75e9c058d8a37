import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, parseConfig } from './load';

const haproxyPool = { driver: 'haproxy', min: 1, max: 4, options: { socket: '/run/haproxy/admin.sock', backend: 'web', servers: ['s1', 's2', 's3', 's4'] } };
const base = { auth: { type: 'bearer', token: 'a-token-of-sixteen-chars' }, pools: { web: haproxyPool } };

describe('webhook configuration', () => {
  it('fills defaults and freezes the result', () => {
    const config = parseConfig(base);
    expect(config).toMatchObject({ host: '127.0.0.1', port: 9095, dryRun: false, maxConcurrentActions: 4, rateLimit: { maxChanges: 20, windowSeconds: 60 } });
    expect(config.pools.web).toMatchObject({ cooldownSeconds: 30, scaleBack: { enabled: true, delaySeconds: 300 } });
    expect(Object.isFrozen(config.pools.web)).toBe(true);
  });

  it('requires authentication unless explicitly turned off', () => {
    expect(() => parseConfig({ pools: {} })).toThrow('auth: authentication is required: set a bearer token (SHADOWFLEET_WEBHOOK_TOKEN) or basic auth, or opt out explicitly');
    expect(parseConfig({ auth: { type: 'none' }, pools: {} }).auth).toEqual({ type: 'none' });
  });

  it.each([
    ['a short bearer token', { ...base, auth: { type: 'bearer', token: 'short' } }, 'auth.token: bearer token must be at least 16 characters'],
    ['min above max', { ...base, pools: { web: { ...haproxyPool, min: 5 } } }, 'pools.web.min: must be <= max (4), got 5'],
    ['an unknown driver', { ...base, pools: { web: { ...haproxyPool, driver: 'ssh' } } }, 'pools.web.driver: must be one of haproxy, local, command, kubernetes'],
    ['driver options the driver rejects', { ...base, pools: { web: { ...haproxyPool, options: { socket: '/s', backend: 'web', servers: ['bad name'] } } } }, 'pools.web.options.servers[0]: must be an HAProxy server name'],
    ['a pool name that is not a safe identifier', { ...base, pools: { 'Web Pool': haproxyPool } }, 'pools.Web Pool'],
    ['a negative cooldown', { ...base, pools: { web: { ...haproxyPool, cooldownSeconds: -1 } } }, 'pools.web.cooldownSeconds: must be >= 0 seconds, got -1'],
  ])('rejects %s, naming the field', (_name, raw, message) => {
    expect(() => parseConfig(raw)).toThrow(message);
  });

  it('reads the file, then lets the environment override it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-config-'));
    try {
      const file = path.join(dir, 'webhook.json');
      writeFileSync(file, JSON.stringify({ ...base, port: 9999 }));
      const config = loadConfig({ SHADOWFLEET_WEBHOOK_CONFIG: file, SHADOWFLEET_WEBHOOK_PORT: '9100', SHADOWFLEET_WEBHOOK_BASIC_USER: 'am', SHADOWFLEET_WEBHOOK_BASIC_PASSWORD: 'twelve-chars-or-more', SHADOWFLEET_WEBHOOK_DRY_RUN: '1' });
      expect(config).toMatchObject({ port: 9100, dryRun: true, auth: { type: 'basic', username: 'am' } });
      writeFileSync(path.join(dir, 'token'), 'token-from-a-secret-file\n');
      expect(loadConfig({ SHADOWFLEET_WEBHOOK_CONFIG: file, SHADOWFLEET_WEBHOOK_TOKEN_FILE: path.join(dir, 'token') }).auth).toEqual({ type: 'bearer', token: 'token-from-a-secret-file' });
      writeFileSync(file, '{ not json');
      expect(() => loadConfig({ SHADOWFLEET_WEBHOOK_CONFIG: file })).toThrow(`config file ${file} is not valid JSON`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
