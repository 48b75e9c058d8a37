import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, getJson, spawnManaged, tempDir, waitFor, type ManagedProcess, shadowfleetBin } from '../support/index';

/**
 * `npm start` = `shadowfleet stack`: the exporter, the webhook (when built) and the Debian Prometheus and
 * Alertmanager with the shipped provisioning, all real, on free loopback ports; Ctrl-C stops them all.
 */
const bin = shadowfleetBin;

jest.setTimeout(300_000);

async function startStackCommand(env: NodeJS.ProcessEnv, extra: readonly string[] = [], prepare: (dir: string) => void = () => undefined): Promise<{ proc: ManagedProcess; ports: Record<string, number>; remove(): void }> {
  const dir = tempDir('stack-command');
  prepare(dir.path);
  // The HAProxy port below Linux's ephemeral range (32768+), where the demo's worker hosts bind their own ports.
  const ports = { exporter: await freePort(), webhook: await freePort(), prometheus: await freePort(), alertmanager: await freePort(), lb: 20_000 + (process.pid % 2400) * 5 + 2 };
  const proc = spawnManaged(
    'shadowfleet stack',
    process.execPath,
    [
      bin, 'stack', '--data-dir', dir.path, '--no-samples', '--port', String(ports.exporter), '--webhook-port', String(ports.webhook), '--prometheus-port', String(ports.prometheus),
      '--alertmanager-port', String(ports.alertmanager), '--lb-port', String(ports.lb), ...extra,
    ],
    { env: { ...process.env, ...env } },
  );
  await waitFor(async () => proc.output().includes('shadowfleet stack is up'), { what: 'shadowfleet stack is up', timeoutMs: 60_000, abortIf: proc.assertRunning });
  return { proc, ports, remove: dir.remove };
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch {
    return true;
  }
}

describe('shadowfleet stack (npm start)', () => {
  it('runs the exporter and Prometheus with the shipped rules scraping it, and stops everything on SIGINT', async () => {
    const { proc, ports, remove } = await startStackCommand({});
    try {
      const prom = `http://127.0.0.1:${ports.prometheus}`;
      await waitFor(
        async () => {
          const r = await getJson<{ data: { result: Array<{ value: [number, string] }> } }>(`${prom}/api/v1/query?query=${encodeURIComponent('up{job="shadowfleet-exporter"}')}`);
          return r.data.result[0]?.value[1] === '1';
        },
        { what: 'Prometheus scraping the exporter', timeoutMs: 30_000 },
      );
      const rules = await getJson<{ data: { groups: Array<{ name: string }> } }>(`${prom}/api/v1/rules`);
      expect(rules.data.groups.map((g) => g.name).sort()).toEqual(['shadowfleet-scaling']);
      expect((await fetch(`http://127.0.0.1:${ports.webhook}/-/ready`)).ok).toBe(true);
      expect((await fetch(`http://127.0.0.1:${ports.alertmanager}/-/ready`)).ok).toBe(true);
      // The exporter and the webhook read one pool model: the rules join the webhook's active hosts with
      // the exporter's capacity per host (stack/pools.json: 100 KiB/s, one serving worker).
      const capacity = await waitFor(
        async () => {
          const r = await getJson<{ data: { result: Array<{ value: [number, string] }> } }>(`${prom}/api/v1/query?query=${encodeURIComponent('shadowfleet:pool_serving_capacity:per_second{pool="web"}')}`);
          return r.data.result[0]?.value[1];
        },
        { what: 'the rules computing the serving capacity from both services', timeoutMs: 30_000 },
      );
      expect(Number(capacity)).toBe(100);
      // Alertmanager was given the shipped routing tree, pointed at the local webhook.
      const status = await getJson<{ config: { original: string } }>(`http://127.0.0.1:${ports.alertmanager}/api/v2/status`);
      expect(status.config.original).toContain(`url: http://127.0.0.1:${ports.webhook}/webhook`);
      expect(status.config.original).toContain('shadowfleet_action=~');
      proc.child.kill('SIGINT');
      await waitFor(async () => proc.child.exitCode !== null, { what: 'the stack to exit', timeoutMs: 30_000 });
      expect(proc.child.exitCode).toBe(0);
      for (const p of Object.values(ports)) expect(await refused(`http://127.0.0.1:${p}/`)).toBe(true);
    } finally {
      await proc.stop();
      remove();
    }
  });

  it('npm start (--demo): the replayed load makes the webhook activate shadow hosts, and Ctrl-C leaves no process and no port behind', async () => {
    const { proc, ports, remove } = await startStackCommand({}, ['--demo']);
    try {
      // The first processes the stack started (worker hosts, HAProxy, exporter, webhook, Alertmanager, Prometheus).
      const children = readFileSync(`/proc/${proc.child.pid}/task/${proc.child.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
      expect(children.length).toBeGreaterThanOrEqual(6);
      await waitFor(async () => /"state":"ready"/.test(proc.output()) || undefined, { what: 'the webhook turning a shadow host ready', timeoutMs: 150_000, abortIf: proc.assertRunning });
      await waitFor(async () => /demo: .* UTC \| load \d+ req\/min, forecast \d+ \| manager: \d+ serving/.test(proc.output()) || undefined, { what: 'a demo status line', timeoutMs: 30_000 });
      proc.child.kill('SIGINT');
      await waitFor(async () => proc.child.exitCode !== null, { what: 'the stack to exit', timeoutMs: 60_000 });
      expect(proc.child.exitCode).toBe(0);
      for (const p of Object.values(ports)) expect(await refused(`http://127.0.0.1:${p}/`)).toBe(true);
      expect(children.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
    } finally {
      await proc.stop();
      remove();
    }
  });

  it("the local driver keeps standby = the manager's total − active, sent by the shipped rule on the set-point (pool_hosts)", async () => {
    // The stack's webhook set to act (an operator's edit of stack/webhook.json, kept across starts). Its local
    // pool starts 1 serving + 2 standby workers (stack/pools.json); the manager, with no load, wants fewer.
    let dataDir = '';
    const { proc, ports, remove } = await startStackCommand({}, [], (dir) => {
      dataDir = dir;
      mkdirSync(path.join(dir, 'stack'), { recursive: true });
      writeFileSync(path.join(dir, 'stack', 'webhook.json'), JSON.stringify({ dryRun: false, poolsFile: 'pools.json' }));
    });
    try {
      const prom = `http://127.0.0.1:${ports.prometheus}`;
      const query = async (q: string): Promise<number | undefined> => {
        const r = await getJson<{ data: { result: Array<{ value: [number, string] }> } }>(`${prom}/api/v1/query?query=${encodeURIComponent(q)}`);
        return r.data.result[0] ? Number(r.data.result[0].value[1]) : undefined;
      };
      const units = async (): Promise<Record<string, number>> => {
        const text = await (await fetch(`http://127.0.0.1:${ports.webhook}/metrics`)).text();
        const read = (re: RegExp) => Number(re.exec(text)?.[1] ?? NaN);
        return { active: read(/shadowfleet_webhook_pool_units\{pool="web",driver="local",state="active"\} (\d+)/), standby: read(/shadowfleet_webhook_pool_units\{pool="web",driver="local",state="standby"\} (\d+)/), held: read(/shadowfleet_webhook_pool_held_units\{pool="web",driver="local"\} (\d+)/) };
      };
      expect(proc.output()).not.toContain('(dry run: edit');
      expect(await units()).toEqual({ active: 1, standby: 2, held: 3 });
      const total = await waitFor(() => query('shadowfleet:desired_pool_hosts{pool="web"}'), { what: "the manager's total in Prometheus", timeoutMs: 120_000, abortIf: proc.assertRunning });
      expect(total).not.toBe(3);
      const held = await waitFor(async () => ((await units()).held === total ? units() : undefined), { what: 'the webhook holding the total', timeoutMs: 120_000, abortIf: proc.assertRunning });
      expect(held.standby).toBe(Math.max(0, total - held.active));
      // The intent that carried it: a set_hosts set-point with the total, the rule's label as the webhook read it.
      const token = readFileSync(path.join(dataDir, 'stack', 'webhook-token'), 'utf8').trim();
      const page = (await (await fetch(`http://127.0.0.1:${ports.webhook}/v1/intents?pool=web`, { headers: { authorization: `Bearer ${token}` } })).json()) as { intents: Array<{ action: string; pool_hosts?: number; detail?: string }> };
      expect(page.intents.find((i) => i.action === 'set_hosts' && i.pool_hosts === total)?.detail).toContain(`holds ${total} hosts (active + standby)`);
      // Held: the set-point resolves (the total-only clause no longer matches).
      await waitFor(async () => (await query('ALERTS{alertname="ShadowfleetSetHosts",alertstate="firing"}')) === undefined, { what: 'the set-point resolving', timeoutMs: 60_000 });
    } finally {
      await proc.stop();
      remove();
    }
  });

  it('says how to install Prometheus and Alertmanager when they are missing, and runs the rest', async () => {
    const { proc, ports, remove } = await startStackCommand({ PATH: '/nonexistent' });
    try {
      const out = proc.output();
      expect(out).toContain('Prometheus is not installed');
      expect(out).toContain('apt-get install -y --no-install-recommends prometheus');
      expect(out).toContain('Alertmanager is not installed');
      expect((await fetch(`http://127.0.0.1:${ports.exporter}/healthz`)).ok).toBe(true);
      expect(await refused(`http://127.0.0.1:${ports.prometheus}/-/ready`)).toBe(true);
    } finally {
      await proc.stop();
      remove();
    }
  });
});
