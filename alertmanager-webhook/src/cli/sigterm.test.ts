import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { commandPool } from '../testing/command-pool';
import { makeAlert, notification } from '../testing/alerts';
import { packageRoot } from '../util/package-paths';

const bin = path.join(packageRoot, 'bin', 'shadowfleet-webhook.js');
const TOKEN = 'sigterm-test-token-012345';

describe('shadowfleet-webhook process', () => {
  it('drains a running action on SIGTERM, then exits 0', async () => {
    if (!existsSync(path.join(packageRoot, 'dist', 'cli', 'main.js'))) throw new Error('build first: npx tsc -b alertmanager-webhook (npm test does)');
    const pools = commandPool({ web: 1 }, { SET_DELAY_MS: '800' });
    const config = path.join(pools.dir, 'webhook.json');
    writeFileSync(config, JSON.stringify({ port: 0, dataDir: pools.dataDir, drainTimeoutSeconds: 10, pools: { web: pools.pool('web') } }));
    const child = spawn(process.execPath, [bin, '--config', config], { env: { PATH: process.env.PATH, SHADOWFLEET_WEBHOOK_TOKEN: TOKEN }, stdio: ['ignore', 'ignore', 'pipe'] });
    const messages: Record<string, unknown>[] = [];
    const listening = new Promise<string>((resolve) =>
      createInterface({ input: child.stderr! }).on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        messages.push(entry);
        if (entry.msg === 'webhook listening') resolve(String(entry.url));
      }),
    );
    const exited = once(child, 'exit');
    try {
      const url = await listening;
      const res = await fetch(`${url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web' })])) });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
      expect(pools.sizes().web).toBe(2);
      expect(messages.find((m) => m.msg === 'webhook stopped')).toMatchObject({ finished: true, interrupted: 0 });
    } finally {
      child.kill('SIGKILL');
      pools.cleanup();
    }
  });
});
