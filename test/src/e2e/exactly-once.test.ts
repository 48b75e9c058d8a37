import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRunning, makeAlert, notification, sourceFile } from '@shadowfleet/alertmanager-webhook';
import { postAlerts, startWebhookProcess, TOKEN, type WebhookProcess } from '../bench/webhook/process';

/**
 * Issue 13, scenario 1 and 2, with real processes: the real webhook command, the command driver and a
 * real apply program (drivers/command/fixtures/pool-state.cjs) that takes 4 s; the webhook is killed
 * with SIGKILL 1.2 s after it answered 200, while the program is still running; then restarted.
 */
const script = sourceFile('drivers', 'command', 'fixtures', 'pool-state.cjs');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  readonly argv: string[];
  readonly pid: number;
  readonly intent: string | null;
}

function crashPool(env: Record<string, string>, extra: Record<string, unknown> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-crash-'));
  const state = path.join(dir, 'pools.json');
  writeFileSync(state, JSON.stringify({ web: 1 }));
  const config = {
    dataDir: path.join(dir, 'data'),
    auth: { type: 'bearer', token: TOKEN },
    actionTimeoutSeconds: 30,
    ...extra,
    pools: {
      web: {
        driver: 'command',
        min: 1,
        max: 10,
        cooldownSeconds: 0,
        options: {
          apply: { program: process.execPath, args: [script, state, 'set', '{pool}', '{to}', '--action={action}', '--tier={tier}', '--fingerprint={fingerprint}', '--intent={intent}'] },
          status: { program: process.execPath, args: [script, state, 'get', '{pool}'] },
          env,
        },
      },
    },
  };
  const runs = (): Run[] => (existsSync(`${state}.runs.jsonl`) ? readFileSync(`${state}.runs.jsonl`, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Run) : []);
  const intentLines = () => readFileSync(path.join(config.dataDir, 'intents.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { dir, config, runs, intentLines, size: () => (JSON.parse(readFileSync(state, 'utf8')) as Record<string, number>).web, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const alive = isRunning;

async function waitFor(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (check()) return;
  throw new Error(`timed out waiting for ${what}`);
}

/** Delivers the alert, waits for 200, kills the webhook 1.2 s later, returns what must be redelivered. */
async function deliverThenCrash(webhook: WebhookProcess, body: string): Promise<void> {
  const res = await postAlerts(webhook.url, body);
  expect(res.status).toBe(200);
  await sleep(1200);
  await webhook.kill();
}

describe('exactly once across kill -9 of the webhook during an apply (issue 13)', () => {
  const alert = () => JSON.stringify(notification([makeAlert({ shadowfleet_action: 'activate_shadow', pool: 'web', tier: '2' })]));

  it.each([
    ['an apply program without a lock (scenario 1)', {}],
    ['an apply program that refuses to run while another run holds its lock (scenario 2)', { POOL_LOCK: '1' }],
  ])('%s: the restarted webhook waits for the orphan, the pool moves 1 → 2 once, a redelivery is a duplicate', async (_name, lockEnv) => {
    const pool = crashPool({ SET_DELAY_MS: '4000', ...lockEnv });
    let webhook = await startWebhookProcess(pool.config, pool.dir);
    try {
      const body = alert();
      await deliverThenCrash(webhook, body);
      const [orphan] = pool.runs();
      expect(orphan).toBeDefined();
      expect(alive(orphan!.pid)).toBe(true);
      expect(pool.size()).toBe(1);
      webhook = await startWebhookProcess(pool.config, pool.dir);
      // reconciliation waited for the orphan before observing: it has finished, and it ran alone
      expect(alive(orphan!.pid)).toBe(false);
      expect(pool.size()).toBe(2);
      expect(webhook.logs.find((l) => l.msg === 'an apply outlived the previous webhook process')).toMatchObject({ stopped: false });
      expect(webhook.logs.find((l) => l.msg === 'intent reconciled')).toMatchObject({ outcome: 'applied' });
      const again = await postAlerts(webhook.url, body);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ accepted: 0, skipped: 1, results: [{ reason: 'duplicate' }] });
      await sleep(500);
      expect(pool.size()).toBe(2);
      expect(pool.runs()).toHaveLength(1);
    } finally {
      await webhook.kill();
      pool.cleanup();
    }
  });

  it('when the apply program died with the webhook, the re-apply gets the full action context and moves the pool once', async () => {
    const pool = crashPool({ SET_DELAY_MS: '4000' });
    let webhook = await startWebhookProcess(pool.config, pool.dir);
    try {
      await deliverThenCrash(webhook, alert());
      const [first] = pool.runs();
      process.kill(-first!.pid, 'SIGKILL');
      await waitFor('the apply program to die', () => !alive(first!.pid));
      webhook = await startWebhookProcess(pool.config, pool.dir);
      await waitFor('the re-apply', () => pool.size() === 2);
      const runs = pool.runs();
      expect(runs).toHaveLength(2);
      expect(runs[1]!.argv).toEqual(first!.argv);
      expect(runs[1]!.argv.slice(4)).toEqual(['--action=activate_shadow', '--tier=2', expect.stringMatching(/^--fingerprint=[0-9a-f]{16}$/), `--intent=${first!.intent}`]);
      expect(webhook.logs.find((l) => l.msg === 'intent reconciled')).toMatchObject({ outcome: 'applied', detail: 're-applied 1 → 2 after restart' });
    } finally {
      await webhook.kill();
      pool.cleanup();
    }
  });

  it('an orphan still running at its deadline is stopped; the outcome is unknown, so the alert stays deduplicated', async () => {
    const pool = crashPool({ SET_DELAY_MS: '8000' }, { actionTimeoutSeconds: 3 });
    let webhook = await startWebhookProcess(pool.config, pool.dir);
    try {
      const body = alert();
      await deliverThenCrash(webhook, body);
      const [orphan] = pool.runs();
      webhook = await startWebhookProcess(pool.config, pool.dir);
      expect(alive(orphan!.pid)).toBe(false);
      expect(pool.size()).toBe(1);
      expect(webhook.logs.find((l) => l.msg === 'intent reconciled')).toMatchObject({ outcome: 'uncertain' });
      const again = await postAlerts(webhook.url, body);
      expect(await again.json()).toMatchObject({ accepted: 0, results: [{ reason: 'duplicate' }] });
      await sleep(500);
      expect(pool.runs()).toHaveLength(1);
      expect(pool.intentLines().filter((l) => l.type === 'applying').map((l) => l.pgid)).toEqual([undefined, orphan!.pid]);
    } finally {
      await webhook.kill();
      pool.cleanup();
    }
  });
});
