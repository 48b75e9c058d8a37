import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '@shadowfleet/service-kit';
import { formatByName, runImport, storeSink } from '../../importers';
import { sampleDataDir } from '../../paths';
import { firstUsers } from '../../profiles/offline';
import { loadConfig } from '../../config';
import { openStore, startExporter } from '../../server';
import { buildProgram } from '../main';

const MSNBC = path.join(sampleDataDir, 'msnbc', 'msnbc990928-first3000.seq.gz');
const NASA = path.join(sampleDataDir, 'nasa-http-log-19950801', 'nasa_19950801_0200-0559.tsv.gz');

async function run(args: string[]): Promise<string> {
  let out = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await buildProgram().parseAsync(['node', 'shadowfleet', 'profiles', ...args]);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out;
}

interface View {
  built: boolean;
  kScores: Array<{ k: number; silhouette: number; gap?: number }>;
  kSelection: { rule: string; stoppedBy: string; kMax: number };
  users: number;
  k: number;
  silhouette: number;
  profiles: Array<{ id: string; name: string; size: number }>;
}

describe('shadowfleet profiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-profiles-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has --help on list and rebuild', () => {
    const profiles = buildProgram().commands.find((c) => c.name() === 'profiles');
    expect(profiles?.commands.map((c) => c.name())).toEqual(['list', 'rebuild']);
    for (const c of profiles?.commands ?? []) expect(c.helpInformation()).toContain('--data <file>');
  });

  it('builds profiles offline from the bundled MSNBC sample (JSON and table)', async () => {
    const view = JSON.parse(await run(['list', '--data', MSNBC, '--format', 'msnbc', '--limit-users', '300', '--k-max', '6', '--json'])) as View;
    expect(view).toMatchObject({ built: true, users: 300 });
    expect(view.k).toBeGreaterThanOrEqual(2);
    expect(view.k).toBeLessThanOrEqual(6);
    expect(view.profiles.reduce((s, p) => s + p.size, 0)).toBe(300);
    expect(new Set(view.profiles.map((p) => p.name)).size).toBe(view.k);
    const table = await run(['list', '--data', MSNBC, '--format', 'msnbc', '--limit-users', '300', '--k-max', '6']);
    expect(table).toMatch(/^\d+ profiles from 300 users · silhouette 0\.\d{3}/);
    expect(table).toContain('strongest traits (z)');
    expect(table).toContain('best silhouette'); // the default rule (SHADOWFLEET_PROFILE_K_RULE)
  });

  it('says how k was chosen (rule, range), with Gap(k) per k under the gap rule', async () => {
    const gap = JSON.parse(await run(['list', '--data', MSNBC, '--format', 'msnbc', '--limit-users', '300', '--k-max', '6', '--k-rule', 'gap', '--json'])) as View;
    expect(gap.kSelection).toMatchObject({ rule: 'gap', kMax: 6 });
    expect(gap.kScores.every((s) => typeof s.gap === 'number')).toBe(true);
    const sil = JSON.parse(await run(['list', '--data', MSNBC, '--format', 'msnbc', '--limit-users', '300', '--k-max', '3', '--k-rule', 'silhouette', '--json'])) as View;
    expect(sil.kSelection.rule).toBe('silhouette');
    expect(sil.kScores.map((s) => s.k)).toEqual([2, 3]);
    await expect(run(['list', '--data', MSNBC, '--format', 'msnbc', '--k-rule', 'elbow'])).rejects.toThrow(/profileKRule.*must be one of gap, silhouette|SHADOWFLEET_PROFILE_K_RULE.*must be one of gap, silhouette/);
  });

  it('builds profiles offline from the bundled NASA log sample, hosts as users', async () => {
    const view = JSON.parse(await run(['list', '--data', NASA, '--format', 'nasa', '--hour-offset', '-240', '--k-max', '4', '--json'])) as View;
    expect(view).toMatchObject({ built: true, users: 402 });
    expect(view.profiles.reduce((s, p) => s + p.size, 0)).toBe(402);
    expect(view.silhouette).toBeGreaterThan(0);
  });

  it('rebuilds on a stopped exporter data dir, saves the model, and lists it from there', async () => {
    const config = loadConfig({}, { dataDir: dir, noAuth: true });
    const store = await openStore(config);
    await runImport(MSNBC, firstUsers(formatByName('msnbc'), 400), storeSink(store));
    await store.close();
    const rebuilt = JSON.parse(await run(['rebuild', '--data-dir', dir, '--k-max', '5', '--json'])) as View;
    expect(rebuilt).toMatchObject({ built: true, users: 400 });
    const listed = JSON.parse(await run(['list', '--data-dir', dir, '--json'])) as View;
    expect(listed.profiles).toEqual(rebuilt.profiles);
  });

  it('talks to a running exporter with --url', async () => {
    const token = 'cli-profiles-token-0123456789';
    const config = loadConfig({}, { port: 0, dataDir: dir, authToken: token, importSamples: false, profileRebuildMinutes: 0 });
    const store = await openStore(config);
    await store.append([
      { userId: 'a', sessionId: 'a', timestamp: 0, action: 'home' },
      { userId: 'b', sessionId: 'b', timestamp: 0, action: 'search' },
      { userId: 'b', sessionId: 'b', timestamp: 1000, action: 'search' },
    ]);
    const ex = await startExporter(config, { store, logger: silentLogger() });
    try {
      expect(JSON.parse(await run(['list', '--url', ex.url, '--json']))).toMatchObject({ built: false });
      await expect(run(['rebuild', '--url', ex.url, '--token', 'wrong-token-0123456789'])).rejects.toThrow('answered 401');
      const view = JSON.parse(await run(['rebuild', '--url', ex.url, '--token', token, '--json'])) as View;
      expect(view).toMatchObject({ built: true, users: 2 });
    } finally {
      await ex.close();
    }
  });

  it('names the flag when a value is bad', async () => {
    await expect(run(['list', '--data', MSNBC, '--limit-users', 'many'])).rejects.toThrow('--limit-users must be an integer, got "many"');
  });
});
