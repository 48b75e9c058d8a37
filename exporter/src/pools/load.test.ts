import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePoolModel } from '@shadowfleet/models';
import { parseTrendSettings } from '../trend/settings';
import { checkTrendSettings, DEFAULT_POOLS_FILE, loadPoolModel, trendSettingsFromPoolModel } from './load';

const model = (pool: Record<string, unknown>, unit = 'requests') => parsePoolModel({ complexityUnit: unit, pools: { web: { driver: 'local', max: 4, hostCapacity: 2, ...pool } } });

describe('the pool model in the exporter', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'pools-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the shipped provisioning/pools.json', () => {
    expect(loadPoolModel(DEFAULT_POOLS_FILE)).toMatchObject({ complexityUnit: 'kib', pools: { web: { driver: 'haproxy', min: 1, max: 3, hostCapacity: 100 } } });
  });

  it.each([
    ['a pool without hostCapacity', { complexityUnit: 'kib', pools: { web: { driver: 'local', max: 2 } } }, /pools\.web\.hostCapacity: the resource manager needs/],
    ['an unknown unit', { complexityUnit: 'bytes', pools: { web: { driver: 'local', max: 2, hostCapacity: 1 } } }, /complexityUnit: must be one of requests, kib, cost, ms/],
    ['min above max', { complexityUnit: 'kib', pools: { web: { driver: 'local', min: 3, max: 2, hostCapacity: 1 } } }, /pools\.web\.min: must be <= max \(2\), got 3/],
    ['an unknown field', { complexityUnit: 'kib', pools: { web: { driver: 'local', max: 2, hostCapacity: 1, capacity: 5 } } }, /pools\.web/],
    [
      'two pools that both take the unclaimed events',
      { complexityUnit: 'kib', pools: { web: { driver: 'local', max: 2, hostCapacity: 1 }, search: { driver: 'local', max: 2, hostCapacity: 1 } } },
      /pool model .*bad\.json:\n {2}pools\.search\.serves: is required: with several pools each pool's resource manager sizes for the events it serves/,
    ],
  ])('refuses %s, naming the field', (_name, body, error) => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(body));
    expect(() => loadPoolModel(file)).toThrow(error);
  });

  it('gives the trend plan its templates, cold start and (for requests) capacity per host', () => {
    const templates = [{ name: 'search', stack: 'img:1', profiles: ['power users'] }];
    expect(trendSettingsFromPoolModel(model({ coldStartSeconds: 120, templates }))).toEqual({ coldStartMinutes: 2, templates, capacityPerHost: 120 });
    expect(trendSettingsFromPoolModel(model({}, 'kib'))).toEqual({ coldStartMinutes: 5 });
  });

  it('refuses trend settings that disagree with it, naming the field and both values', () => {
    // What the settings file sets explicitly is checked; its defaults are not a disagreement.
    const check = (m: ReturnType<typeof model>, file: Record<string, unknown>, source = 'ts') => checkTrendSettings(m, parseTrendSettings(file), source, new Set(Object.keys(file)));
    expect(() => check(model({ coldStartSeconds: 120 }), { coldStartMinutes: 10 }, 'trend settings t.json')).toThrow(
      'pools.web.coldStartSeconds: the pool model says 120 but trend settings t.json (coldStartMinutes × 60) says 600; set it in the pool model only',
    );
    expect(() => check(model({}), { capacityPerHost: 60 })).toThrow(/the pool model says 120 but ts \(capacityPerHost\) says 60/);
    expect(() => check(model({}, 'kib'), { capacityPerHost: 60 })).toThrow(/says "2 kib\/s" but ts \(capacityPerHost\) says 60/);
    expect(() => check(model({ coldStartSeconds: 300 }), { coldStartMinutes: 5, capacityPerHost: 120 })).not.toThrow();
    expect(() => check(model({ coldStartSeconds: 120 }), { level: 0.9 })).not.toThrow(); // the settings' default cold start of 5 min is no disagreement
    expect(() => check(model({ templates: [{ name: 'a', stack: 's' }] }), { templates: [{ name: 'b', stack: 's' }] })).toThrow(/pools\.web\.templates: the pool model says/);
  });
});
