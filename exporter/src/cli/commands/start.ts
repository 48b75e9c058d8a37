import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { startExporter } from '../../server';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the exporter on embedded defaults (DuckDB store, bundled sample data on first run)')
    .option('--port <port>', 'HTTP port (env SHADOWFLEET_PORT)')
    .option('--data-dir <dir>', 'where the store and models live (env SHADOWFLEET_DATA_DIR)')
    .option('--no-auth', 'accept writes without a bearer token (env SHADOWFLEET_NO_AUTH=1)')
    .action(async (opts: { port?: string; dataDir?: string; auth: boolean }) => {
      const config = loadConfig(process.env, {
        port: opts.port,
        dataDir: opts.dataDir,
        noAuth: opts.auth === false ? true : undefined,
      });
      const running = await startExporter(config);
      const stop = (): void => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
