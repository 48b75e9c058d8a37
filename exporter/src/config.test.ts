import { loadConfig, storePath } from './config';

describe('loadConfig', () => {
  it('allows a missing token (start generates one) and applies defaults', () => {
    const c = loadConfig({});
    expect(c.authToken).toBeUndefined();
    expect(c.noAuth).toBe(false);
    expect(c).toMatchObject({ port: 9464, retentionDays: 0, sessionGapMinutes: 30, maxBodyBytes: 16 * 1024 * 1024, importSamples: true });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('accepts an explicit no-auth start', () => {
    expect(loadConfig({ SHADOWFLEET_NO_AUTH: '1' }).noAuth).toBe(true);
    expect(loadConfig({ SHADOWFLEET_NO_AUTH: 'false' }).noAuth).toBe(false);
  });

  it('rejects a short token naming the variable', () => {
    expect(() => loadConfig({ SHADOWFLEET_AUTH_TOKEN: 'short' })).toThrow(/authToken \(SHADOWFLEET_AUTH_TOKEN\): must be at least 16 characters/);
  });

  it('rejects a bad port with the value range in the message', () => {
    expect(() => loadConfig({ SHADOWFLEET_NO_AUTH: '1', SHADOWFLEET_PORT: '70000' })).toThrow(/port \(SHADOWFLEET_PORT\): .*65535/);
  });

  it('checks that a batch can fit in the pending queue', () => {
    expect(() => loadConfig({ SHADOWFLEET_MAX_BATCH_EVENTS: '500', SHADOWFLEET_MAX_PENDING_EVENTS: '100' })).toThrow(
      /maxBatchEvents \(SHADOWFLEET_MAX_BATCH_EVENTS\): must be <= maxPendingEvents \(100\), got 500/,
    );
    expect(() => loadConfig({ SHADOWFLEET_SESSION_GAP_MINUTES: '0' })).toThrow(/sessionGapMinutes \(SHADOWFLEET_SESSION_GAP_MINUTES\): must be > 0/);
  });

  it('lets command-line overrides win over the environment', () => {
    const c = loadConfig({ SHADOWFLEET_PORT: '1000', SHADOWFLEET_AUTH_TOKEN: 'x'.repeat(16) }, { port: '2000' });
    expect(c.port).toBe(2000);
    expect(storePath({ dataDir: '/d' })).toBe('/d/events.duckdb');
  });
});
