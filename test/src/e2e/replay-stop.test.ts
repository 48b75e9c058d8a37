import { spawn } from 'node:child_process';
import { descendants, stillRunning, waitFor, type ProcessId } from '../support/index';
import { bundledSliceArgs } from './replay-cli';

/**
 * However `shadowfleet replay` ends, it leaves no process running (docs/replay.md#stopping): a real
 * replay of the bundled slice, long enough not to end by itself, is stopped once its whole chain runs
 * (worker hosts, HAProxy, exporter, webhook, Alertmanager, Prometheus), and every process it started,
 * identified by pid and start time, must be gone. Before the fix every case left all six running.
 */
jest.setTimeout(300_000);

/** Time the chain's processes get to stop after the replay has gone (Prometheus and the webhook shut down cleanly). */
const GONE_WITHIN_MS = 30_000;

const CASES = [
  { what: 'SIGTERM after the reader of its output has gone (its parent, e.g. the bench runner, died)', signal: 'SIGTERM', closeOutput: true },
  { what: 'SIGHUP (its terminal closed)', signal: 'SIGHUP', closeOutput: false },
  { what: 'SIGKILL (no clean-up of its own can run)', signal: 'SIGKILL', closeOutput: false },
] as const;

describe('shadowfleet replay leaves no process behind', () => {
  it.each(CASES.map((c, i) => [c.what, c, i] as const))('%s', async (_what, c, i) => {
    const child = spawn(process.execPath, bundledSliceArgs([], 700 + 10 * i, 120), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let tree: ProcessId[] = [];
    try {
      // The warm-up is posted once every part of the chain answers.
      await waitFor(async () => /warm-up minutes posted/.test(stderr), {
        what: 'the replay chain up',
        timeoutMs: 120_000,
        abortIf: () => {
          if (child.exitCode !== null) throw new Error(`the replay exited early:\n${stderr.slice(-3000)}`);
        },
      });
      tree = descendants(child.pid!);
      const names = tree.map((p) => p.command).join('\n');
      for (const part of ['worker-hosts-main', 'haproxy', ' start ', 'shadowfleet-webhook', 'alertmanager', 'prometheus --config']) expect(names).toContain(part);

      if (c.closeOutput) {
        child.stdout.destroy();
        child.stderr.destroy();
      }
      child.kill(c.signal);
      await exited;
      const deadline = Date.now() + GONE_WITHIN_MS;
      while (stillRunning(tree).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(stillRunning(tree).map((p) => p.command)).toEqual([]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      // Whatever survived a failed case, by pid (processes this test started).
      for (const p of stillRunning(tree)) process.kill(p.pid, 'SIGKILL');
    }
  });
});
