import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Registry } from 'prom-client';
import { loadConfig } from '../config';
import { sampleDataDir } from '../paths';
import type { AppContext } from '../routes';
import { readTraceFile } from '../sim/trace-file';
import type { EventStore } from '../store/types';
import { loadTrendSettings } from '../trend/settings';
import { allocateClasses, profileShares, UNPROFILED } from './classes';
import { dryRun, type DryRun } from './dry-run';
import { decisionsModule } from './router';

const sample = path.join(sampleDataDir, 'nasa-http-rate', 'nasa_1995-07-01_to_03_requests_per_minute.csv.gz');
const trace = readTraceFile(sample);
const startMs = trace.timestamps[0] * 1000;
const settings = { coldStartMinutes: 5, activationMinutes: 1, standbyCost: 0.1, pool: 'web' };
const classes = { profiles: { 'power users': 'dedicated', 'data analysts': 'dedicated' }, defaultClass: 'best_effort' } as const;
const hour = (startMs: number, mix: Record<string, number>) => ({ startMs, mix });

describe('capacity classes in the dry run', () => {
  const day = trace.requests.slice(0, 1440);
  const mix = [hour(0, { 'power users': 10, 'casual browsers': 60 }), hour(3_600_000, { 'power users': 10, 'data analysts': 20 })];

  it('shares requests by profile over the observed hours', () => {
    expect(profileShares(mix)).toEqual({ 'power users': 0.2, 'casual browsers': 0.6, 'data analysts': 0.2 });
    expect(profileShares(undefined)).toEqual({});
  });

  it('sizes dedicated profiles for their share of the upper forecast, best effort for the point forecast', () => {
    const run = dryRun(day, startMs, { ...settings, capacityClasses: classes }, mix);
    const forecast = run.latest.tiers[1].forecast!;
    const C = run.latest.tiers[0].numbers.capacity_per_host;
    expect(forecast.value).toBeGreaterThan(forecast.point);
    const [dedicated, bestEffort] = run.capacity_classes!.pools;
    expect(dedicated).toMatchObject({ pool: 'dedicated', profiles: ['power users', 'data analysts'] });
    expect(dedicated.hosts).toBe(Math.ceil((0.4 * forecast.value) / C - 1e-9));
    expect(bestEffort).toMatchObject({ pool: 'best_effort', profiles: ['casual browsers'] });
    expect(bestEffort.hosts).toBe(Math.ceil((0.6 * forecast.point) / C - 1e-9));
    // Listed in the decisions after the three tiers, with the members named.
    expect(run.decisions.slice(3, 5)).toEqual([
      expect.objectContaining({ tier: 2, action: 'recommend dedicated hosts', hosts: dedicated.hosts, explanation: expect.stringContaining('power users, data analysts') }),
      expect.objectContaining({ tier: 2, action: 'recommend best_effort hosts', hosts: bestEffort.hosts }),
    ]);
  });

  it('without an observed mix puts all traffic in the default class; without classes adds nothing', () => {
    const run = dryRun(day, startMs, { ...settings, capacityClasses: { profiles: {}, defaultClass: 'dedicated' } });
    expect(run.capacity_classes!.pools[0]).toMatchObject({ pool: 'dedicated', profiles: [UNPROFILED] });
    expect(run.capacity_classes!.pools[1]).toMatchObject({ pool: 'best_effort', hosts: 0 });
    expect(dryRun(day, startMs, settings).capacity_classes).toBeUndefined();
    expect(() => allocateClasses({ ...run.latest, tiers: [] }, classes, undefined)).toThrow(/no tier 2 forecast/);
  });
});

describe('capacity classes declared in the trend settings file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shadowfleet-classes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, body: unknown): string => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(body));
    return file;
  };

  it('names a class that does not exist', () => {
    const file = write('bad.json', { capacityClasses: { profiles: { 'power users': 'gold' } } });
    expect(() => loadTrendSettings(file)).toThrow(/capacityClasses\.profiles\.power users: must be one of dedicated, best_effort/);
  });

  it('reach GET /v1/decisions through the exporter configuration (SHADOWFLEET_TREND_SETTINGS)', async () => {
    const file = write('classes.json', { historyFile: sample, capacityClasses: { profiles: { 'power users': 'dedicated' }, defaultClass: 'dedicated' } });
    const config = loadConfig({ SHADOWFLEET_TREND_SETTINGS: file, SHADOWFLEET_DATA_DIR: dir, SHADOWFLEET_ALLOCATION_POOL: 'api' });
    // The history comes from the settings' historyFile: the store is never read.
    const store = new Proxy({}, { get: (_t, key) => { throw new Error(`the store was read (${String(key)})`); } }) as EventStore;
    const ctx: AppContext = { config, registry: new Registry(), store, onClose: () => undefined, shared: {} };
    const app = express().use(decisionsModule(ctx));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const body = (await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/decisions`)).json()) as DryRun;
      expect(body.capacity_classes!.declared).toEqual({ profiles: { 'power users': 'dedicated' }, defaultClass: 'dedicated' });
      expect(body.capacity_classes!.pools.map((p) => [p.pool, p.profiles])).toEqual([['dedicated', [UNPROFILED]], ['best_effort', []]]);
      expect(body.decisions.find((d) => d.action === 'recommend dedicated hosts')).toMatchObject({ pool: 'api', tier: 2 });
      expect(body.capacity_classes!.pools[0].hosts).toBeGreaterThan(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
