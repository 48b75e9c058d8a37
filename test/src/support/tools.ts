import { execFile } from 'node:child_process';
import path from 'node:path';

/** The repository root (test/src/support and test/dist/support are both three levels down). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const provisioningDir = path.join(repoRoot, 'provisioning');
/** The `shadowfleet` command line as `npx shadowfleet` runs it (the compiled CLI behind exporter's bin). */
export const shadowfleetBin = path.join(repoRoot, 'exporter', 'bin', 'shadowfleet.js');

/** How long one command-line check (promtool, amtool, docker-compose) may take. */
export const TOOL_TIMEOUT_MS = 60_000;

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program with an argument vector (execFile, no shell) and returns its exit code and output. */
export function runTool(file: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: opts.cwd, env: opts.env, timeout: TOOL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (err && typeof err.code !== 'number' ? err.message : '') });
    });
  });
}
