import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from './main';

describe('shadowfleet-webhook command line', () => {
  let out: string[];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    out = [];
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
  });
  afterEach(() => spy.mockRestore());

  it('--help lists options, environment variables and every driver', async () => {
    expect(await main(['--help'], {})).toBe(0);
    const help = out.join('');
    for (const text of ['--config <file>', '--dry-run', 'SHADOWFLEET_WEBHOOK_TOKEN', 'haproxy', 'local', 'command', 'kubernetes']) expect(help).toContain(text);
  });

  it('--check validates a config file and reports it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-cli-'));
    try {
      const file = path.join(dir, 'webhook.json');
      writeFileSync(file, JSON.stringify({ pools: { web: { driver: 'command', max: 3, options: { apply: { program: '/bin/true' }, status: { program: '/bin/echo', args: ['1'] } } } } }));
      expect(await main(['--check', '--config', file, '--dry-run'], { SHADOWFLEET_WEBHOOK_TOKEN: 'a-token-of-sixteen-chars' })).toBe(0);
      expect(out.join('')).toBe('configuration is valid: 1 pool(s), auth bearer, dry run\n');
      await expect(main(['--check', '--config', file], {})).rejects.toThrow('auth: authentication is required');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown option, naming it', async () => {
    await expect(main(['--colour'], {})).rejects.toThrow("unknown option '--colour'");
  });

  it('says how to configure pools when there are none', async () => {
    await expect(main(['--check'], { SHADOWFLEET_WEBHOOK_NO_AUTH: '1' })).rejects.toThrow('pools: no pools configured: give a JSON config file with a "pools" object');
  });
});
