import { spawn } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { checkTarget, INTENT_ENV, type ApplyOptions, type Driver, type DriverContext, type DriverDefinition, type Plan, type PoolStatus } from '../driver';
import { fillArgs, optionLikePlaceholders, placeholderNames, placeholderValues, unknownPlaceholders } from './placeholders';

const MAX_OUTPUT_BYTES = 64 * 1024;
const EXIT_PIPE_GRACE_MS = 1000;

const invocation = z
  .object({
    /** Absolute path of the program; it is executed directly, never through a shell. */
    program: z.string().refine((p) => path.isAbsolute(p), 'must be an absolute path (no shell, no PATH lookup)'),
    args: z.array(z.string()).default([]),
  })
  .superRefine((inv, ctx) => {
    const unknown = unknownPlaceholders(inv.args);
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: ['args'], message: `unknown placeholder {${unknown.join('}, {')}}; known: {${placeholderNames.join('}, {')}}` });
    for (const message of optionLikePlaceholders(inv.args)) ctx.addIssue({ code: 'custom', path: ['args'], message });
  });

export const commandOptions = z.object({
  /** Run to move the pool to {to} units. */
  apply: invocation,
  /** Run to observe the pool; prints `{"active": N, "standby": M}` or a single integer (active). */
  status: invocation,
  timeoutSeconds: z.number().gt(0, 'must be > 0').default(60),
  /** Extra environment for both programs (the service's environment is not passed on). */
  env: z.record(z.string(), z.string()).default({}),
});
export type CommandOptions = z.infer<typeof commandOptions>;

const statusOutput = z.union([
  z.object({ active: z.number().int().min(0), standby: z.number().int().min(0).default(0) }),
  z.number().int().min(0).transform((active) => ({ active, standby: 0 })),
]);

/** Output of one run, kept for logs and errors. */
export interface CommandRun {
  readonly argv: readonly string[];
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Scales through the site's own program (Terraform, Ansible, a cloud CLI): argv filled from validated
 * fields, run without a shell, with a timeout and captured output.
 */
export class CommandDriver implements Driver {
  readonly kind = 'command';
  readonly runs: CommandRun[] = [];

  constructor(
    private readonly options: CommandOptions,
    private readonly context: DriverContext,
  ) {}

  async status(signal?: AbortSignal): Promise<PoolStatus> {
    const run = await this.run(this.options.status.program, fillArgs(this.options.status.args, placeholderValues(this.context.pool)), signal);
    let parsed: unknown;
    try {
      parsed = JSON.parse(run.stdout.trim());
    } catch {
      parsed = undefined;
    }
    const result = statusOutput.safeParse(parsed);
    if (!result.success) {
      throw new Error(`status program of pool ${this.context.pool} must print {"active": N, "standby": M} or an integer, got ${JSON.stringify(run.stdout.slice(0, 200))}`);
    }
    return result.data;
  }

  plan(current: PoolStatus, target: number): Plan {
    checkTarget(this.context.pool, target);
    return { from: current.active, to: target, steps: [{ op: 'run', unit: path.basename(this.options.apply.program) }] };
  }

  async apply(plan: Plan, options: ApplyOptions = {}): Promise<PoolStatus> {
    const argv = fillArgs(this.options.apply.args, placeholderValues(this.context.pool, plan, options.context));
    const env: Record<string, string> = options.context ? { [INTENT_ENV]: options.context.intent } : {};
    const run = await this.run(this.options.apply.program, argv, options.signal, env, options.onProcess);
    this.context.logger.info({ pool: this.context.pool, argv: run.argv, stdout: run.stdout.slice(-2000), stderr: run.stderr.slice(-2000) }, 'command applied');
    return this.status(options.signal);
  }

  /**
   * Runs the program in its own process group (so that it and whatever it starts can be waited for or
   * stopped as one, also by a restarted webhook), without a shell, with a timeout; on timeout or abort
   * the whole group gets SIGKILL. Output beyond MAX_OUTPUT_BYTES per stream is cut off.
   */
  private run(program: string, args: string[], signal?: AbortSignal, extraEnv: Record<string, string> = {}, onProcess?: (pgid: number) => Promise<void>): Promise<CommandRun> {
    const timeoutMs = this.options.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      const argv = [program, ...args];
      if (signal?.aborted) return reject(new Error(`pool ${this.context.pool}: ${program} was aborted before it started`));
      const child = spawn(program, args, { shell: false, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: '/usr/bin:/bin', ...this.options.env, ...extraEnv }, windowsHide: true });
      const out = { stdout: '', stderr: '' };
      const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
        if (out[stream].length < MAX_OUTPUT_BYTES) out[stream] += chunk.toString('utf8').slice(0, MAX_OUTPUT_BYTES - out[stream].length);
      };
      child.stdout.on('data', collect('stdout'));
      child.stderr.on('data', collect('stderr'));
      let why: string | undefined;
      const killGroup = (reason: string) => {
        why ??= reason;
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // the group is gone already
        }
      };
      const timer = setTimeout(() => killGroup(`timed out after ${this.options.timeoutSeconds} s (timeoutSeconds)`), timeoutMs);
      const onAbort = () => killGroup('was aborted');
      signal?.addEventListener('abort', onAbort, { once: true });
      if (child.pid !== undefined && onProcess) onProcess(child.pid).catch((err: Error) => killGroup(`could not be recorded (${err.message}) and was stopped`));
      let settled = false;
      const fail = (run: CommandRun, reason: string) => reject(new Error(`pool ${this.context.pool}: ${program} ${reason}; stderr: ${run.stderr.trim().slice(-500) || '(empty)'}`));
      child.once('error', (err: NodeJS.ErrnoException) => {
        why ??= `could not start (${err.code ?? err.message})`;
        if (child.pid !== undefined || settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        fail({ argv, stdout: '', stderr: '' }, why);
      });
      // 'close' waits for the output pipes; a daemon the program started may hold them open, so the
      // exit status is taken at most EXIT_PIPE_GRACE_MS after the program exited.
      const settle = (code: number | null, sig: NodeJS.Signals | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const run: CommandRun = { argv, stdout: out.stdout, stderr: out.stderr };
        this.runs.push(run);
        if (why === undefined && code === 0) return resolve(run);
        fail(run, why ?? `exited with ${code ?? sig}`);
      };
      child.once('close', settle);
      child.once('exit', (code, sig) => setTimeout(() => settle(code, sig), EXIT_PIPE_GRACE_MS).unref());
    });
  }
}

export const commandDriver: DriverDefinition<CommandOptions> = {
  kind: 'command',
  description: 'runs a configured program with an argument vector (no shell) to observe and resize the pool',
  options: commandOptions,
  create: (options, context) => new CommandDriver(options, context),
};
