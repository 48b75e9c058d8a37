import { execFile } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { checkTarget, type ApplyOptions, type Driver, type DriverContext, type DriverDefinition, type Plan, type PoolStatus } from '../driver';
import { fillArgs, placeholderNames, placeholderValues, unknownPlaceholders } from './placeholders';

const MAX_OUTPUT_BYTES = 64 * 1024;

const invocation = z
  .object({
    /** Absolute path of the program; it is executed directly, never through a shell. */
    program: z.string().refine((p) => path.isAbsolute(p), 'must be an absolute path (no shell, no PATH lookup)'),
    args: z.array(z.string()).default([]),
  })
  .superRefine((inv, ctx) => {
    const unknown = unknownPlaceholders(inv.args);
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', path: ['args'], message: `unknown placeholder {${unknown.join('}, {')}}; known: {${placeholderNames.join('}, {')}}` });
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
    const run = await this.run(this.options.apply.program, argv, options.signal);
    this.context.logger.info('command applied', { pool: this.context.pool, argv: run.argv, stdout: run.stdout.slice(-2000), stderr: run.stderr.slice(-2000) });
    return this.status(options.signal);
  }

  private run(program: string, args: string[], signal?: AbortSignal): Promise<CommandRun> {
    const timeoutMs = this.options.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      execFile(
        program,
        args,
        { shell: false, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT_BYTES, signal, env: { PATH: '/usr/bin:/bin', ...this.options.env }, windowsHide: true },
        (error, stdout, stderr) => {
          const run: CommandRun = { argv: [program, ...args], stdout: String(stdout), stderr: String(stderr) };
          this.runs.push(run);
          if (!error) return resolve(run);
          const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string; signal?: string };
          let why: string;
          if (e.name === 'AbortError') why = 'was aborted';
          else if (e.killed && e.signal === 'SIGKILL') why = `timed out after ${this.options.timeoutSeconds} s (timeoutSeconds)`;
          else if (typeof e.code === 'string') why = `could not start (${e.code})`;
          else why = `exited with ${e.code ?? e.signal}`;
          reject(new Error(`pool ${this.context.pool}: ${program} ${why}; stderr: ${run.stderr.trim().slice(-500) || '(empty)'}`));
        },
      );
    });
  }
}

export const commandDriver: DriverDefinition<CommandOptions> = {
  kind: 'command',
  description: 'runs a configured program with an argument vector (no shell) to observe and resize the pool',
  options: commandOptions,
  create: (options, context) => new CommandDriver(options, context),
};
