import { Command } from 'commander';
import { commands } from './commands/index';

/** Builds the `shadowfleet` program: one subcommand per file in ./commands, listed in ./commands/index.ts. */
export function buildProgram(): Command {
  const program = new Command('shadowfleet')
    .description('Shadowfleet: a predictive autoscaler that forecasts user behaviour, not just volume')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    // commander throws on --help/--version with exitOverride(); those are not failures.
    const code = (err as { code?: string; exitCode?: number }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return;
    if (code && code.startsWith('commander.')) {
      process.exitCode = (err as { exitCode?: number }).exitCode ?? 1;
      return;
    }
    throw err;
  }
}
