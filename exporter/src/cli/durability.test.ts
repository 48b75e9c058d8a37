import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEventStore } from '../store/duckdb-store';

/**
 * The exporter as a real child process (the compiled CLI in dist/, built by `npm test`'s `tsc -b`):
 * acknowledged batches survive `kill -9`, and a second writer is refused with a clear message.
 */
const BIN = path.resolve(__dirname, '..', '..', 'bin', 'shadowfleet.js');
const TOKEN = 'durability-test-token-0123456789';
jest.setTimeout(60_000);

/** Every child started here, so that none outlives a failed test. */
const children = new Set<ChildProcess>();

interface Child {
  proc: ChildProcess;
  url: string;
}

function startChild(dataDir: string): Promise<Child> {
  const proc = spawn(process.execPath, [BIN, 'start', '--port', '0', '--data-dir', dataDir, '--no-samples'], {
    env: { ...process.env, SHADOWFLEET_AUTH_TOKEN: TOKEN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`exporter did not start: ${err}`)), 20_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/[^\s"]+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]! });
      }
    });
    proc.once('exit', (code) => reject(new Error(`exporter exited with ${code}: ${err}`)));
  });
}

const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));

function batch(k: number, n: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(JSON.stringify({ user_id: `batch-${k}`, timestamp: 1_714_521_600_000 + i, action: 'write', bytes: i }));
  return rows.join('\n');
}

describe('the exporter process', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(path.resolve(__dirname, '..', '..', 'dist', 'cli', 'main.js'))) throw new Error('exporter/dist is missing: run `npx tsc -b` (npm test does) first');
  });
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sf-durable-'))));
  afterEach(async () => {
    for (const p of children) {
      p.kill('SIGKILL');
      await exited(p);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged batch after kill -9 and a restart; unacknowledged ones are whole or absent', async () => {
    const BATCH = 500;
    let child = await startChild(dir);
    const acked = new Set<number>();
    const sent: Array<Promise<void>> = [];
    let k = 0;
    let stop = false;
    // 4 clients keep posting until the process is killed under them.
    for (let c = 0; c < 4; c++) {
      sent.push(
        (async () => {
          while (!stop) {
            const id = k++;
            try {
              const r = await fetch(`${child.url}/v1/events`, {
                method: 'POST',
                body: batch(id, BATCH),
                headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${TOKEN}` },
              });
              if (r.status === 201) acked.add(id);
            } catch {
              return; // connection died with the process
            }
          }
        })(),
      );
    }
    while (acked.size < 40 && sent.length > 0) {
      if (k > 1000) throw new Error(`only ${acked.size} of ${k} batches were acknowledged`);
      await new Promise((r) => setTimeout(r, 10));
    }
    child.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(sent);
    await exited(child.proc);

    child = await startChild(dir);
    const metrics = await (await fetch(`${child.url}/metrics`)).text();
    const stored = Number(/^shadowfleet_store_events (\d+)/m.exec(metrics)![1]);
    expect(stored).toBeGreaterThanOrEqual(acked.size * BATCH);
    child.proc.kill('SIGTERM');
    await exited(child.proc);

    const store = await DuckDbEventStore.open({ path: path.join(dir, 'events.duckdb') });
    const rows = await store.query('SELECT user_id, count(*)::INT AS n FROM events GROUP BY user_id');
    await store.close();
    const perBatch = new Map(rows.map((r) => [r.user_id as string, r.n as number]));
    for (const id of acked) expect([id, perBatch.get(`batch-${id}`)]).toEqual([id, BATCH]);
    for (const n of perBatch.values()) expect(n).toBe(BATCH); // no half-stored batch
  });

  it('refuses a direct import while an exporter holds the store, naming the way out', async () => {
    const child = await startChild(dir);
    try {
      const sample = path.resolve(__dirname, '..', '..', '..', 'data', 'samples', 'nasa-http-log-19950801', 'nasa_19950801_0200-0559.tsv.gz');
      const direct = spawnSync(process.execPath, [BIN, 'import', sample, '--data-dir', dir], { encoding: 'utf8' });
      expect(direct.status).toBe(1);
      expect(direct.stderr).toMatch(/is in use by another process \(DuckDB allows one writer\).*shadowfleet import --url/);
      const viaApi = spawnSync(process.execPath, [BIN, 'import', sample, '--url', child.url, '--token', TOKEN], { encoding: 'utf8' });
      expect(viaApi.stderr).toBe('');
      expect(JSON.parse(viaApi.stdout)).toMatchObject({ format: 'nasa-tsv', events: 4343, skipped: 0 });
    } finally {
      child.proc.kill('SIGTERM');
      await exited(child.proc);
    }
  });
});
