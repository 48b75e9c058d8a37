import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { importFormats } from '../../importers';
import { inlineRunner, loadProfiles, profileBuildOptions, profilesView, ProfileService, storeAggregateSource } from '../../profiles';
import { profilesFromFile } from '../../profiles/offline';
import { profilesTable } from '../../profiles/table';
import type { ProfilesView } from '../../profiles/view';
import { openStore } from '../../server';
import { TOKEN_FILE } from './auth-token';
import { stderrProgress } from '../../progress';

interface ProfilesFlags {
  url?: string;
  token?: string;
  dataDir?: string;
  data?: string;
  format?: string;
  limitUsers?: string;
  sessionGap?: string;
  hourOffset?: string;
  kMax?: string;
  kRule?: string;
  hours?: boolean;
  json?: boolean;
}

const DEFAULT_URL = 'http://127.0.0.1:9464';

function intFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${JSON.stringify(v)}`);
  return n;
}

function print(view: ProfilesView, flags: ProfilesFlags): void {
  process.stdout.write(flags.json ? `${JSON.stringify(view, null, 2)}\n` : profilesTable(view));
}

async function api(flags: ProfilesFlags, method: 'GET' | 'POST', route: string, token?: string): Promise<unknown> {
  const url = new URL(route, flags.url ?? DEFAULT_URL);
  let res: Response;
  try {
    res = await fetch(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (err) {
    throw new Error(`cannot reach the exporter at ${url.origin} (${(err as Error).message}): start it, pass --url, or work offline with --data FILE or --data-dir DIR`);
  }
  const body = (await res.json()) as { message?: string };
  if (!res.ok) throw new Error(`${url.href} answered ${res.status}: ${body.message ?? JSON.stringify(body)}`);
  return body;
}

/** Offline on a file (--data), offline on a stopped exporter's store (--data-dir), or a running exporter (--url). */
async function runProfiles(action: 'list' | 'rebuild', flags: ProfilesFlags): Promise<void> {
  const config = loadConfig(process.env, { dataDir: flags.dataDir, sessionGapMinutes: flags.sessionGap, profileKMax: flags.kMax, profileKRule: flags.kRule, noAuth: true });
  const base = profileBuildOptions(config);
  const build = flags.hours === false ? { ...base, features: { ...base.features, useHours: false } } : base;
  if (flags.data) {
    const r = await profilesFromFile(flags.data, {
      format: flags.format,
      limitUsers: intFlag('limit-users', flags.limitUsers),
      sessionGapMinutes: config.sessionGapMinutes,
      hourOffsetMinutes: intFlag('hour-offset', flags.hourOffset),
      build,
    });
    stderrProgress('profiles')(`imported ${r.imported.events} events of ${flags.data} (${r.imported.format}) in ${r.importSeconds.toFixed(2)} s`);
    print(profilesView(r.service.model, r.summary), flags);
    return;
  }
  if (flags.dataDir && !flags.url) {
    if (action === 'list') {
      const saved = loadProfiles(config.dataDir);
      print(profilesView(saved?.model, undefined), flags);
      return;
    }
    const store = await openStore(config);
    try {
      const service = new ProfileService({
        dataDir: config.dataDir,
        source: storeAggregateSource(store, { sessionGapMinutes: config.sessionGapMinutes, hourOffsetMinutes: intFlag('hour-offset', flags.hourOffset) }),
        build,
        runner: inlineRunner,
      });
      const summary = await service.rebuild();
      print(profilesView(service.model, summary), flags);
    } finally {
      await store.close();
    }
    return;
  }
  if (action === 'list') {
    print((await api(flags, 'GET', '/v1/profiles')) as ProfilesView, flags);
    return;
  }
  const token = flags.token ?? process.env.SHADOWFLEET_AUTH_TOKEN ?? readToken(config.dataDir);
  await api(flags, 'POST', '/v1/profiles/rebuild', token);
  print((await api(flags, 'GET', '/v1/profiles')) as ProfilesView, flags);
}

function readToken(dataDir: string): string | undefined {
  try {
    return readFileSync(path.join(dataDir, TOKEN_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
}

function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('--url <url>', `a running exporter (default ${DEFAULT_URL})`)
    .option('--data-dir <dir>', "work on a stopped exporter's data dir instead (env SHADOWFLEET_DATA_DIR)")
    .option('--data <file>', 'work offline on a log file: import it into an in-memory store and build there (nothing is saved)')
    .option('--format <name>', `format of --data: msnbc, nasa, epa, shoppers, or ${importFormats.map((f) => f.name).join(', ')} (default: detected)`)
    .option('--limit-users <n>', 'with --data: only the first N users of the file')
    .option('--session-gap <minutes>', 'inactivity that ends a session (env SHADOWFLEET_SESSION_GAP_MINUTES)')
    .option('--hour-offset <minutes>', 'shift from UTC for the active-hours features (e.g. -240 for EDT)')
    .option('--k-max <k>', 'largest number of profiles tried (env SHADOWFLEET_PROFILE_K_MAX)')
    .option('--k-rule <rule>', 'how k is chosen: gap (gap statistic, 1-SE rule) or silhouette (env SHADOWFLEET_PROFILE_K_RULE)')
    .option('--no-hours', 'leave the active-hours features out (for data with synthetic times: msnbc, shoppers)')
    .option('--json', 'print JSON (the GET /v1/profiles body) instead of a table');
}

export function registerProfiles(program: Command): void {
  const profiles = program
    .command('profiles')
    .description('Behavioural profiles: list them or rebuild them (K-Means with k by the gap statistic + DBSCAN density view)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  shadowfleet profiles list                               # from the running exporter\n' +
        '  shadowfleet profiles rebuild --token $SHADOWFLEET_AUTH_TOKEN\n' +
        '  shadowfleet profiles rebuild --data-dir ./.shadowfleet   # exporter stopped; saves the model there\n' +
        '  shadowfleet profiles list --data data/samples/msnbc/msnbc990928-first3000.seq.gz --format msnbc\n',
    );
  withCommonOptions(profiles.command('list').description('Show the profiles: id, name, size, strongest traits, silhouette, DBSCAN summary')).action(
    (flags: ProfilesFlags) => runProfiles('list', flags),
  );
  withCommonOptions(profiles.command('rebuild').description('Rebuild the profiles now (on a running exporter, a data dir, or a file) and show them'))
    .option('--token <token>', 'bearer token for --url (default: SHADOWFLEET_AUTH_TOKEN, then <data-dir>/auth-token)')
    .action((flags: ProfilesFlags) => runProfiles('rebuild', flags));
}
