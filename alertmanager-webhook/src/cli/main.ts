import { Command, CommanderError } from 'commander';
import { envVariables, loadConfig } from '../config/load';
import { drivers } from '../drivers/registry';
import { WEBHOOK_PATH } from '../http/app';
import { startService } from '../service';
import { webhookLogger } from '../util/logger';

interface Flags {
  config?: string;
  host?: string;
  port?: string;
  dataDir?: string;
  dryRun?: boolean;
  check?: boolean;
}

/** The `shadowfleet-webhook` program (commander, the one argument parser of the project's command lines). */
export function buildProgram(): Command {
  return new Command('shadowfleet-webhook')
    .description(
      `Receives Alertmanager webhook notifications (payload version 4) on POST ${WEBHOOK_PATH} and ` +
        'turns alerts labelled shadowfleet_action=… into scaling actions through drivers. Intents are ' +
        'recorded durably before answering; SIGTERM drains running actions within drainTimeoutSeconds.',
    )
    .option('-c, --config <file>', 'JSON config file (or SHADOWFLEET_WEBHOOK_CONFIG)')
    .option('--host <host>', 'listen address (default 127.0.0.1)')
    .option('-p, --port <port>', 'listen port (default 9095)')
    .option('--data-dir <dir>', 'where the intent log lives')
    .option('--dry-run', 'plan and record actions without calling drivers')
    .option('--check', 'validate the configuration and exit')
    .addHelpText(
      'after',
      `
Environment:
${Object.entries(envVariables).map(([k, v]) => `  ${k.padEnd(36)} ${v}`).join('\n')}

Drivers:
${drivers.map((d) => `  ${d.kind.padEnd(11)} ${d.description}`).join('\n')}

See docs/webhook.md for the label scheme and every option.`,
    )
    .exitOverride()
    // a usage error is thrown (and printed once by bin/shadowfleet-webhook.js), not also written here
    .configureOutput({ writeErr: () => undefined });
}

/** Parses argv (without node and the script); throws on a usage error. Undefined: help was shown. */
function parseFlags(argv: string[]): Flags | undefined {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError && (err.code === 'commander.helpDisplayed' || err.code === 'commander.help')) return undefined;
    throw err instanceof CommanderError ? new Error(err.message.replace(/^error: /, '')) : err;
  }
  return program.opts<Flags>();
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const values = parseFlags(argv);
  if (!values) return 0;
  const overrides: NodeJS.ProcessEnv = { ...env };
  if (values.host) overrides.SHADOWFLEET_WEBHOOK_HOST = values.host;
  if (values.port) overrides.SHADOWFLEET_WEBHOOK_PORT = values.port;
  if (values.dataDir) overrides.SHADOWFLEET_WEBHOOK_DATA_DIR = values.dataDir;
  if (values.dryRun) overrides.SHADOWFLEET_WEBHOOK_DRY_RUN = '1';
  const config = loadConfig(overrides, values.config);
  if (values.check) {
    process.stdout.write(`configuration is valid: ${Object.keys(config.pools).length} pool(s), auth ${config.auth.type}${config.dryRun ? ', dry run' : ''}\n`);
    return 0;
  }
  const logger = webhookLogger();
  const service = await startService({ config, logger });
  const cliLog = logger.child({ component: 'cli' });
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        cliLog.warn({ signal }, 'second signal: exiting without waiting');
        resolve(1);
        return;
      }
      stopping = true;
      cliLog.info({ signal, deadlineSeconds: config.drainTimeoutSeconds }, 'draining');
      service.stop().then(
        (drained) => resolve(drained.finished ? 0 : 1),
        (err: Error) => {
          cliLog.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}
