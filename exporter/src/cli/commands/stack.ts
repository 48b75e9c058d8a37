import path from 'node:path';
import type { Command } from 'commander';
import { ALERTMANAGER, findBinary, HAPROXY, PROMETHEUS, startStack } from '../../stack/index';
import { runDemo } from '../../replay/demo';
import { stderrProgress } from '../../progress';
import { interruption } from '../interruption';

interface StackFlags {
  dataDir?: string;
  port: string;
  webhookPort: string;
  prometheusPort: string;
  alertmanagerPort: string;
  lbPort: string;
  samples: boolean;
  auth: boolean;
  demo?: boolean;
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
    .option('--lb-port <port>', 'HAProxy port of the demo', '9480')
    .option('--demo', 'also replay a bundled slice of NASA traffic at 60× through HAProxy and worker hosts, so that the manager, the rules and the webhook act (npm start); needs HAProxy, Prometheus and Alertmanager')
    .option('--no-samples', 'do not import the bundled samples into a new store')
    .option('--no-auth', 'exporter accepts writes without a bearer token')
    .action(async (flags: StackFlags) => {
      const log = stderrProgress('stack');
      const dataDir = path.resolve(flags.dataDir ?? process.env.SHADOWFLEET_DATA_DIR ?? '.shadowfleet');
      // Ctrl-C, SIGTERM, SIGHUP or a closed output pipe stop every process the stack started (docs/replay.md#stopping).
      const signal = interruption('the stack', (why) => log(`stopping the stack (${why})`));
      if (flags.demo) {
        const absent = [HAPROXY, PROMETHEUS, ALERTMANAGER].filter((spec) => !findBinary(spec));
        if (absent.length === 0) {
          const ports = { exporter: port('port', flags.port), webhook: port('webhook-port', flags.webhookPort), prometheus: port('prometheus-port', flags.prometheusPort), alertmanager: port('alertmanager-port', flags.alertmanagerPort), haproxy: port('lb-port', flags.lbPort) };
          await runDemo({ dataDir, ports, progress: log, signal });
          return;
        }
        for (const spec of absent) log.warn(`the demo needs ${spec.what}, which is not installed. Install it — ${spec.install}. Starting the stack without the demo.`);
      }
      const stack = await startStack({
        dataDir,
        exporterPort: port('port', flags.port),
        webhookPort: port('webhook-port', flags.webhookPort),
        prometheusPort: port('prometheus-port', flags.prometheusPort),
        alertmanagerPort: port('alertmanager-port', flags.alertmanagerPort),
        exporterArgs: [...(flags.samples ? [] : ['--no-samples']), ...(flags.auth ? [] : ['--no-auth'])],
        progress: log,
        signal,
      });
      log('shadowfleet stack is up:');
      for (const [name, url] of Object.entries(stack.urls)) log(`  ${name.padEnd(12)} ${url}`);
      if (stack.missing.length > 0) log(`not started: ${stack.missing.length} (see above)`);
      log('Grafana is not started here: use docker-compose.yml (README "docker-compose"). Ctrl-C stops the stack.');
      const why = await Promise.race([new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve((signal.reason as Error).message), { once: true })), stack.anyExited.then((name) => `${name} exited`)]);
      if (!signal.aborted) log(`stopping the stack (${why})`);
      await stack.stop();
      process.exit(/\(signal SIG/.test(why) ? 0 : 1);
    });
}
