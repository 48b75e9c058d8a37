import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import readline from 'node:readline';
import type { Progress } from '../progress';

/** Time a child gets between SIGTERM and SIGKILL when the stack stops. */
export const CHILD_STOP_GRACE_MS = 10_000;
/** How long a child may take to answer its readiness URL. */
export const CHILD_READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 200;

/**
 * util-linux `setpriv` (Linux; part of every Debian install): it sets the parent-death signal and then
 * runs the program in its place (same pid). The kernel then sends the program SIGTERM when the process
 * that started it dies, however it dies — SIGKILL, a crash, an EPIPE — so no child outlives a stack or
 * a replay (docs/replay.md#stopping). Where it is absent (macOS) children are only stopped by the
 * parent's own handlers below.
 */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => existsSync(file));

/** The argument vector that runs `command args` tied to this process: SIGTERM to it when this process dies. */
export function tiedToThisProcess(command: string, args: readonly string[]): { command: string; args: string[] } {
  return SETPRIV ? { command: SETPRIV, args: ['--pdeathsig', 'SIGTERM', '--', command, ...args] } : { command, args: [...args] };
}

/** Children started and not yet exited; SIGTERMed when this process exits without having stopped them. */
const running = new Set<ChildProcess>();
let exitHook = false;
function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const c of running) c.kill('SIGTERM');
  });
}

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  hasExited(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts a program (argument vector, no shell), tied to this process (tiedToThisProcess); each line of its output is progress under its name, unless
 * `options.take` takes the line (returns true: the caller reads it, e.g. the ports a child prints).
 */
export function startChild(name: string, command: string, args: readonly string[], progress: Progress, options: { readonly env?: NodeJS.ProcessEnv; readonly take?: (line: string) => boolean } = {}): Child {
  const tied = tiedToThisProcess(command, args);
  const child = spawn(tied.command, tied.args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
  track(child);
  const say = progress.topic(name);
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on('line', (line) => void (options.take?.(line) || say(line)));
  }
  let done = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      say(`exited (${signal ?? `code ${code}`})`);
      resolve();
    });
    child.once('error', (err) => {
      done = true;
      say.warn(`could not start: ${err.message}`);
      resolve();
    });
  });
  return {
    name,
    process: child,
    exited,
    hasExited: () => done,
    async stop() {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx; throws if the child exits first or the deadline passes. */
export async function waitReady(child: Child, url: string, timeoutMs = CHILD_READY_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.hasExited()) throw new Error(`${child.name} exited before ${url} answered; see its output above`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${child.name} did not answer ${url} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, READY_POLL_MS));
  }
}
