import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { detectFormat, formatByName, shardedHttpSink, importFormats, runImport, storeSink, type ImportSink } from '../../importers';
import { openStore } from '../../server';
import { loadActionRules } from '../../importers/action-rules';
import { TOKEN_FILE } from './auth-token';

interface ImportFlags {
  format?: string;
  dataDir?: string;
  url?: string;
  token?: string;
  actionDepth?: string;
  actionRules?: string;
  month?: string;
  utcOffset?: string;
  sessionGap?: string;
}

function tokenFor(flags: ImportFlags, dataDir: string): string | undefined {
  if (flags.token) return flags.token;
  if (process.env.SHADOWFLEET_AUTH_TOKEN) return process.env.SHADOWFLEET_AUTH_TOKEN;
  try {
    return readFileSync(path.join(dataDir, TOKEN_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Load event logs into the store: web server logs, MSNBC sequences, online-shoppers CSV, generic CSV/NDJSON')
    .argument('<files...>', 'files to import (plain or .gz); the format is detected from the first line unless --format is given')
    .option('--format <name>', `one of ${importFormats.map((f) => f.name).join(', ')}`)
    .option('--data-dir <dir>', 'store to write (env SHADOWFLEET_DATA_DIR); fails if an exporter holds it — use --url then')
    .option('--url <url>', 'post to a running exporter instead (e.g. http://127.0.0.1:9464); with shards, every shard\'s URL in shard order, comma-separated (each user goes to its owner)')
    .option('--token <token>', 'bearer token for --url (default: SHADOWFLEET_AUTH_TOKEN, then <data-dir>/auth-token)')
    .option('--action-depth <n>', 'directory levels of a URL kept as the action (web logs)', '2')
    .option('--action-rules <file>', 'JSON rules that turn URLs into actions, as SHADOWFLEET_ACTION_RULES_FILE (docs/ingest-sources.md); overrides --action-depth')
    .option('--month <YYYY-MM>', 'month of EPA-style [DD:HH:MM:SS] stamps', '1995-08')
    .option('--utc-offset <±HH:MM>', 'zone of EPA-style stamps', '-04:00')
    .option('--session-gap <minutes>', 'inactivity that ends a session (env SHADOWFLEET_SESSION_GAP_MINUTES)')
    .addHelpText(
      'after',
      `\nFormats:\n${importFormats.map((f) => `  ${f.name.padEnd(9)} ${f.description}`).join('\n')}\n\n` +
        'DuckDB allows one writing process: while an exporter runs on the data dir, import through its API with --url.\n',
    )
    .action(async (files: string[], flags: ImportFlags) => {
      const depth = Number(flags.actionDepth);
      if (!Number.isInteger(depth) || depth < 0) throw new Error(`--action-depth must be an integer >= 0, got ${flags.actionDepth}`);
      const config = loadConfig(process.env, { dataDir: flags.dataDir, sessionGapMinutes: flags.sessionGap, noAuth: true });
      const actionRules = flags.actionRules === undefined ? undefined : loadActionRules(flags.actionRules);
      let sink: ImportSink;
      let close = async (): Promise<void> => undefined;
      if (flags.url) {
        sink = shardedHttpSink(flags.url.split(',').map((u) => u.trim()).filter((u) => u !== ''), tokenFor(flags, config.dataDir));
      } else {
        const store = await openStore(config);
        sink = storeSink(store);
        close = () => store.close();
      }
      try {
        for (const file of files) {
          const format = flags.format ? formatByName(flags.format) : await detectFormat(file);
          const summary = await runImport(file, format, sink, { actionDepth: depth, actionRules, month: flags.month, utcOffset: flags.utcOffset });
          process.stdout.write(`${JSON.stringify({ file, ...summary })}\n`);
        }
      } finally {
        await close();
      }
    });
}
