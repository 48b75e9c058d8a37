import { parseArgs } from 'node:util';
import { envVariables, loadConfig } from '../config/load';
import { drivers } from '../drivers/registry';
import { WEBHOOK_PATH } from '../http/app';
import { startService } from '../service';
import { jsonLogger } from '../util/logger';

export const HELP = `Usage: shadowfleet-webhook [options]

Receives Alertmanager webhook notifications (payload version 4) on POST ${WEBHOOK_PATH} and
turns alerts labelled shadowfleet_action=… into scaling actions through drivers. Intents are
recorded durably before answering; SIGTERM drains running actions within drainTimeoutSeconds.

Options:
  -c, --config FILE   JSON config file (or SHADOWFLEET_WEBHOOK_CONFIG)
      --host HOST     listen address (default 127.0.0.1)
  -p, --port PORT     listen port (default 9095)
      --data-dir DIR  where the intent log lives
      --dry-run       plan and record actions without calling drivers
      --check         validate the configuration and exit
  -h, --help          show this help

Environment:
${Object.entries(envVariables).map(([k, v]) => `  ${k.padEnd(36)} ${v}`).join('\n')}

Drivers:
${drivers.map((d) => `  ${d.kind.padEnd(11)} ${d.description}`).join('\n')}

See docs/webhook.md for the label scheme and every option.
`;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c' },
      host: { type: 'string' },
      port: { type: 'string', short: 'p' },
      'data-dir': { type: 'string' },
      'dry-run': { type: 'boolean' },
      check: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const overrides: NodeJS.ProcessEnv = { ...env };
  if (values.host) overrides.SHADOWFLEET_WEBHOOK_HOST = values.host;
  if (values.port) overrides.SHADOWFLEET_WEBHOOK_PORT = values.port;
  if (values['data-dir']) overrides.SHADOWFLEET_WEBHOOK_DATA_DIR = values['data-dir'];
  if (values['dry-run']) overrides.SHADOWFLEET_WEBHOOK_DRY_RUN = '1';
  const config = loadConfig(overrides, values.config);
  if (values.check) {
    process.stdout.write(`configuration is valid: ${Object.keys(config.pools).length} pool(s), auth ${config.auth.type}${config.dryRun ? ', dry run' : ''}\n`);
    return 0;
  }
  const logger = jsonLogger();
  const service = await startService({ config, logger });
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        logger.warn('second signal: exiting without waiting', { signal });
        resolve(1);
        return;
      }
      stopping = true;
      logger.info('draining', { signal, deadlineSeconds: config.drainTimeoutSeconds });
      service.stop().then(
        (drained) => resolve(drained.finished ? 0 : 1),
        (err: Error) => {
          logger.error('shutdown failed', { error: err.message });
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}
