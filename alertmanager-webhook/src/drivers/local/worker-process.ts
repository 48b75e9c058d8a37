import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * One worker process and the line protocol the local driver speaks with it (README "local driver"):
 * the worker prints `ready` once warm; on `serve` it starts serving and prints `serving PORT`; on
 * `standby` it stops serving and prints `standby`; when its stdin closes it exits.
 */
export type WorkerState = 'warming' | 'standby' | 'serving' | 'exited';

export class WorkerProcess {
  state: WorkerState = 'warming';
  port: number | undefined;
  private readonly child: ChildProcessWithoutNullStreams;
  private waiters: { state: WorkerState; resolve: () => void; reject: (e: Error) => void }[] = [];
  private stderrTail = '';

  constructor(program: string, args: readonly string[], env: Record<string, string>, readonly id: number) {
    this.child = spawn(program, args, { shell: false, stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin', ...env, SHADOWFLEET_WORKER_ID: String(id) } });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line.trim()));
    this.child.stderr.on('data', (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-1000)));
    this.child.on('error', (err) => this.exited(`could not start: ${err.message}`));
    this.child.on('exit', (code, signal) => this.exited(`exited with ${code ?? signal}`));
    this.child.stdin.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private onLine(line: string): void {
    const [word, arg] = line.split(/\s+/);
    if (word === 'ready' || word === 'standby') {
      this.state = 'standby';
      this.port = undefined;
    } else if (word === 'serving' && arg && /^\d+$/.test(arg)) {
      this.state = 'serving';
      this.port = Number(arg);
    } else return;
    this.settle();
  }

  private exited(why: string): void {
    if (this.state === 'exited') return;
    this.state = 'exited';
    this.port = undefined;
    const error = new Error(`worker ${this.id} ${why}; stderr: ${this.stderrTail.trim() || '(empty)'}`);
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  private settle(): void {
    for (const w of [...this.waiters]) {
      if (w.state === this.state) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  waitFor(state: WorkerState, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.state === state) return Promise.resolve();
    if (this.state === 'exited') return Promise.reject(new Error(`worker ${this.id} has exited`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`worker ${this.id} did not become ${state} within ${timeoutMs} ms`)), timeoutMs);
      const onAbort = () => done(new Error(`waiting for worker ${this.id} aborted`));
      const done = (err?: Error) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        if (err) reject(err);
        else resolve();
      };
      const waiter = { state, resolve: () => done(), reject: (e: Error) => done(e) };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  send(command: 'serve' | 'standby'): void {
    if (this.state === 'exited') throw new Error(`worker ${this.id} has exited`);
    this.child.stdin.write(`${command}\n`);
  }

  /** Closes stdin (the worker's cue to exit), then SIGTERM, then SIGKILL. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.state === 'exited' || this.child.exitCode !== null) return;
    const exit = once(this.child, 'exit');
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGTERM'), timeoutMs / 2);
    const kill = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exit;
    clearTimeout(timer);
    clearTimeout(kill);
  }
}
