import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig, storePath } from '../../config';
import { exporterLogger } from '../../logger';
import { openStore, startExporter } from '../../server';
import { resolveAuthToken } from './auth-token';
import { importSamples } from './samples';

interface StartFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  auth: boolean;
  retentionDays?: string;
  sessionGap?: string;
  samples: boolean;
}

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the exporter on embedded defaults (DuckDB store, bundled sample data on first run)')
    .option('--port <port>', 'HTTP port (env SHADOWFLEET_PORT)')
    .option('--host <address>', 'address to listen on (env SHADOWFLEET_HOST)')
    .option('--data-dir <dir>', 'where the store and models live (env SHADOWFLEET_DATA_DIR)')
    .option('--no-auth', 'accept writes without a bearer token (env SHADOWFLEET_NO_AUTH=1)')
    .option('--retention-days <days>', 'prune events older than this; 0 keeps all (env SHADOWFLEET_RETENTION_DAYS)')
    .option('--session-gap <minutes>', 'inactivity that ends a session (env SHADOWFLEET_SESSION_GAP_MINUTES)')
    .option('--no-samples', 'do not import the bundled samples into a new store (env SHADOWFLEET_IMPORT_SAMPLES=0)')
    .action(async (opts: StartFlags) => {
      const loaded = loadConfig(process.env, {
        port: opts.port,
        host: opts.host,
        dataDir: opts.dataDir,
        noAuth: opts.auth === false ? true : undefined,
        retentionDays: opts.retentionDays,
        sessionGapMinutes: opts.sessionGap,
        importSamples: opts.samples === false ? false : undefined,
      });
      const { config, tokenFile, generated } = resolveAuthToken(loaded);
      const logger = exporterLogger();
      const log = logger.child({ component: 'cli' });
      if (tokenFile) log.info({ tokenFile }, `writes need the bearer token in ${tokenFile}${generated ? ' (generated now, mode 0600)' : ''}`);
      if (config.noAuth) log.warn('started with --no-auth: anyone who can reach this port can write events');

      const fresh = !existsSync(storePath(config));
      const store = await openStore(config);
      if (fresh && config.importSamples) await importSamples(store, logger.child({ component: 'samples' }));
      const running = await startExporter(config, { store, logger });
      const stop = (): void => {
        void running.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
