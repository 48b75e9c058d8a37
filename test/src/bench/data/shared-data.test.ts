import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ADAPTIVE_TRACES } from '../suites/adaptive';
import { replayCommand, STRATEGIES } from '../suites/replay';
import { simulateCommands } from '../suites/simulate';
import { formatByName, profiles } from '@shadowfleet/exporter';
import { INGEST_LOGS } from '../ingest/rows';
import { RATE_TRACES, rateTraces } from './rate-traces';
import { EPA_LOG, MSNBC_LOG, NASA_LOG, SHOPPERS } from './request-logs';

const benchDir = path.join(__dirname, '..');
const NASA = 'nasa-http-rate/nasa_1995_requests_per_minute.csv.gz';
const WC98 = 'worldcup98-rate/worldcup98_requests_per_minute.csv.gz';
const TWITTER = 'twitter-stream-2021-08-rate/twitter_stream_2021_08_events_per_second.txt.gz';

/** Every .ts file under test/src/bench. */
function benchSources(dir = benchDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return benchSources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('the shared data files, listed once for every bench', () => {
  test('are the three traces the suites listed before, with their formats and replay slices', () => {
    expect(RATE_TRACES.map((t) => [t.name, t.file, t.format])).toEqual([
      ['nasa', NASA, 'minute-csv'],
      ['worldcup98', WC98, 'minute-csv'],
      ['twitter', TWITTER, 'second-counts'],
    ]);
    expect(RATE_TRACES.map((t) => t.replaySlice)).toEqual([{ from: '1995-07-13T12:00:00Z' }, { from: '1998-06-30T12:00:00Z' }, { offsetHours: '265' }]);
  });

  test('each suite keeps its traces and its commands', () => {
    // The command lines as the suites built them with their own lists (before this module).
    expect(simulateCommands()).toEqual(
      [NASA, WC98, TWITTER].flatMap((f) => ['tiered', 'tiered-plan', 'tiered-plan-net'].map((s) => `npx shadowfleet simulate --trace ../shared/data/${f} --strategy ${s} --json`)),
    );
    expect(RATE_TRACES.flatMap((t) => STRATEGIES.map((s) => replayCommand(t, s, '60')))).toEqual([
      `npx shadowfleet replay --strategy tiered --trace ../shared/data/${NASA} --from 1995-07-13T12:00:00Z --hours 6 --speed 60 --max-rps 30 --json`,
      `npx shadowfleet replay --strategy predictive --trace ../shared/data/${NASA} --from 1995-07-13T12:00:00Z --hours 6 --speed 60 --max-rps 30 --json`,
      `npx shadowfleet replay --strategy tiered --trace ../shared/data/${WC98} --from 1998-06-30T12:00:00Z --hours 6 --speed 60 --max-rps 30 --json`,
      `npx shadowfleet replay --strategy predictive --trace ../shared/data/${WC98} --from 1998-06-30T12:00:00Z --hours 6 --speed 60 --max-rps 30 --json`,
      `npx shadowfleet replay --strategy tiered --trace ../shared/data/${TWITTER} --offset-hours 265 --hours 6 --speed 60 --max-rps 30 --json`,
      `npx shadowfleet replay --strategy predictive --trace ../shared/data/${TWITTER} --offset-hours 265 --hours 6 --speed 60 --max-rps 30 --json`,
    ]);
    expect(ADAPTIVE_TRACES.map((t) => t.file)).toEqual([NASA, WC98]);
  });

  test('no other bench file names a shared data file: they all take it from data/', () => {
    const lists = [path.join(__dirname, 'rate-traces.ts'), path.join(__dirname, 'request-logs.ts')];
    const naming = benchSources()
      .filter((f) => !lists.includes(f) && !f.endsWith('.test.ts'))
      .filter((f) => /\.(csv|tsv|txt|seq)(\.gz)?'|nasa-http-rate\/|worldcup98-rate\/|twitter-stream-2021-08-rate\/|nasa-http-log-19950801\/|epa-http-log-19950830\/|msnbc\/|online-shoppers-intention\//.test(readFileSync(f, 'utf8')));
    expect(naming.map((f) => path.relative(benchDir, f))).toEqual([]);
    // Every suite that runs the rate traces imports the list.
    for (const suite of ['simulate', 'adaptive', 'trend', 'tuning-audit', 'replay', 'replay-heldout', 'slice-costs']) {
      expect(readFileSync(path.join(benchDir, 'suites', `${suite}.ts`), 'utf8')).toMatch(/from '\.\.\/data\/rate-traces'/);
    }
  });

  test('the request logs are the files the suites read before, with the importer and options each needs', () => {
    expect([NASA_LOG, EPA_LOG, MSNBC_LOG, SHOPPERS]).toEqual([
      { file: 'nasa-http-log-19950801/nasa_19950801.tsv.gz', format: 'nasa-tsv', options: {} },
      { file: 'epa-http-log-19950830/epa-http_19950830_0000-1159.txt.gz', format: 'epa', options: { month: '1995-08', utcOffset: '-04:00' } },
      { file: 'msnbc/msnbc990928.seq.gz', format: 'msnbc', options: {} },
      { file: 'online-shoppers-intention/online_shoppers_intention.csv', format: 'shoppers', options: {} },
    ]);
    // behaviour and profiles named NASA's format `nasa`, the CLI's alias: the same importer as `nasa-tsv`.
    expect(profiles.profileFormat('nasa')).toBe(formatByName(NASA_LOG.format));
    expect(INGEST_LOGS.map((l) => [l.format, l.file])).toEqual([
      ['nasa-tsv', NASA_LOG.file],
      ['epa', EPA_LOG.file],
    ]);
  });

  test('a trace name that is not in the list is refused, naming the known ones', () => {
    expect(() => rateTraces('nasa', 'epa' as never)).toThrow('no rate trace named "epa"; known: nasa, worldcup98, twitter');
  });
});
