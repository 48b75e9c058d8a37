import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { runtimeCommand } from '../command';

/** Debian's HAProxy (tests run the real one; test/src/support has the full e2e harness). */
export const HAPROXY_BIN = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';

export interface TestHaproxy {
  readonly process: ChildProcess;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Writes `config` to `configFile`, starts HAProxy in the foreground on it and returns once its runtime
 * API at `socket` answers (tests of this package and of the exporter's HAProxy code).
 */
export async function startTestHaproxy(configFile: string, config: string, socket: string, stdio: StdioOptions = 'ignore'): Promise<TestHaproxy> {
  writeFileSync(configFile, config);
  const proc = spawn(HAPROXY_BIN, ['-f', configFile, '-db'], { stdio });
  const stop = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exit = once(proc, 'exit');
    proc.kill('SIGTERM');
    await exit;
  };
  for (let i = 0; !(existsSync(socket) && (await runtimeCommand(socket, 'show info').catch(() => '')).includes('HAProxy')); i++) {
    if (i > 100 || proc.exitCode !== null) {
      await stop();
      throw new Error(`HAProxy did not start on ${configFile} (runtime API ${socket})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { process: proc, stop };
}
