import path from 'node:path';
import type { Command } from 'commander';
import { startStack } from '../../stack/index';

interface StackFlags {
  dataDir?: string;
  port: string;
  webhookPort: string;
  prometheusPort: string;
  alertmanagerPort: string;
  samples: boolean;
  auth: boolean;
}

function port(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`--${name} must be a port number 1-65535, got "${value}"`);
  return n;
}

export function registerStack(program: Command): void {
  program
    .command('stack')
    .description('Run the local stack: the exporter, the webhook (dry run), and Prometheus + Alertmanager with the shipped provisioning when installed')
    .option('--data-dir <dir>', 'where the exporter and the stack keep their data (env SHADOWFLEET_DATA_DIR)')
    .option('--port <port>', 'exporter port', '9464')
    .option('--webhook-port <port>', 'webhook port', '9095')
    .option('--prometheus-port <port>', 'Prometheus port', '9090')
    .option('--alertmanager-port <port>', 'Alertmanager port', '9093')
    .option('--no-samples', 'do not import the bundled samples into a new store')
    .option('--no-auth', 'exporter accepts writes without a bearer token')
    .action(async (flags: StackFlags) => {
      const log = (line: string): void => void process.stderr.write(`${line}\n`);
      const stack = await startStack({
        dataDir: path.resolve(flags.dataDir ?? process.env.SHADOWFLEET_DATA_DIR ?? '.shadowfleet'),
        exporterPort: port('port', flags.port),
        webhookPort: port('webhook-port', flags.webhookPort),
        prometheusPort: port('prometheus-port', flags.prometheusPort),
        alertmanagerPort: port('alertmanager-port', flags.alertmanagerPort),
        exporterArgs: [...(flags.samples ? [] : ['--no-samples']), ...(flags.auth ? [] : ['--no-auth'])],
        log,
      });
      log('shadowfleet stack is up:');
      for (const [name, url] of Object.entries(stack.urls)) log(`  ${name.padEnd(12)} ${url}`);
      if (stack.missing.length > 0) log(`not started: ${stack.missing.length} (see above)`);
      log('Grafana is not started here: use docker-compose.yml (README "docker-compose"). Ctrl-C stops the stack.');
      let stopping = false;
      const shutdown = (why: string): void => {
        if (stopping) return;
        stopping = true;
        log(`stopping the stack (${why})`);
        void stack.stop().then(() => process.exit(why.startsWith('signal') ? 0 : 1));
      };
      process.once('SIGINT', () => shutdown('signal SIGINT'));
      process.once('SIGTERM', () => shutdown('signal SIGTERM'));
      void stack.anyExited.then((name) => shutdown(`${name} exited`));
    });
}
