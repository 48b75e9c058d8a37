import { spawnSync } from 'node:child_process';
import { startWorkerHosts, workerHostsArgs } from './worker-hosts';
import { silentProgress } from '../progress';

describe('worker hosts (a real child process, its options parsed by commander)', () => {
  it('serves each host on its own port under its own name', async () => {
    const hosts = await startWorkerHosts('web', 2, 1, silentProgress);
    try {
      expect(hosts.addresses).toHaveLength(2);
      const names = await Promise.all(hosts.addresses.map(async (a) => (await fetch(`http://${a}/`)).headers.get('x-served-by')));
      expect(names).toEqual(['web/h1', 'web/h2']);
    } finally {
      await hosts.stop();
    }
  });

  it('refuses a bad option, naming it', () => {
    const [script] = workerHostsArgs('web', 1, 1);
    const run = spawnSync(process.execPath, [script, '--pool', 'web', '--service-ms', '5', '--hosts', '0'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("option '--hosts <n>' argument '0' is invalid. must be a whole number ≥ 1, got \"0\"");
    const missing = spawnSync(process.execPath, [script, '--hosts', '1', '--service-ms', '5'], { encoding: 'utf8' });
    expect(missing.stderr).toContain("required option '--pool <name>' not specified");
  });
});
