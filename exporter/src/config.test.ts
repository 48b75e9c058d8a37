import { loadConfig } from './config';

describe('loadConfig', () => {
  it('requires a bearer token unless started without auth, naming the field and the fix', () => {
    expect(() => loadConfig({})).toThrow(/authToken \(SHADOWFLEET_AUTH_TOKEN\): writes need a bearer token/);
  });

  it('accepts an explicit no-auth start and applies defaults', () => {
    const c = loadConfig({ SHADOWFLEET_NO_AUTH: '1' });
    expect(c.noAuth).toBe(true);
    expect(c.port).toBe(9464);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('rejects a bad port with the value range in the message', () => {
    expect(() => loadConfig({ SHADOWFLEET_NO_AUTH: '1', SHADOWFLEET_PORT: '70000' })).toThrow(/port \(SHADOWFLEET_PORT\): .*65535/);
  });

  it('lets command-line overrides win over the environment', () => {
    const c = loadConfig({ SHADOWFLEET_PORT: '1000', SHADOWFLEET_AUTH_TOKEN: 'x'.repeat(16) }, { port: '2000' });
    expect(c.port).toBe(2000);
  });
});
