import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How long a stopped process gets between SIGTERM and SIGKILL. */
export const STOP_GRACE_MS = 5_000;
/** How much of a process's output is kept for error messages. */
const OUTPUT_TAIL_CHARS = 4_000;

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last few thousand characters of stdout+stderr, for diagnosing a failed start. */
  output(): string;
  /** Throws if the process has already exited (used to abort readiness waits early). */
  assertRunning(): void;
  /** SIGTERM, then SIGKILL after the grace period; resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts a program with an argument vector (never a shell string) and keeps the tail of its output. */
export function spawnManaged(name: string, command: string, args: readonly string[], opts: SpawnOptions = {}): ManagedProcess {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitInfo: string | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    });
    child.once('error', (err) => {
      spawnError = err;
      exitInfo = `spawn error: ${err.message}`;
      resolve();
    });
  });
  return {
    name,
    child,
    output: () => tail,
    assertRunning() {
      if (exitInfo !== undefined) {
        throw new Error(`${name} exited (${exitInfo}) before it was ready; its output:\n${tail}${spawnError ? `\n${spawnError.message}` : ''}`);
      }
    },
    async stop() {
      if (exitInfo !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A fresh temporary folder and its removal. */
export function tempDir(prefix: string): { readonly path: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `shadowfleet-${prefix}-`));
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Stops what was started, in reverse order, even when one stop fails; reports every failure at the end. */
export class Cleanup {
  private readonly steps: Array<{ what: string; run: () => Promise<void> | void }> = [];

  add(what: string, run: () => Promise<void> | void): void {
    this.steps.push({ what, run });
  }

  async run(): Promise<void> {
    const failures: string[] = [];
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        await step.run();
      } catch (err) {
        failures.push(`${step.what}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (failures.length > 0) throw new Error(`cleanup failed:\n${failures.join('\n')}`);
  }
}
