import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_BUILD_OPTIONS } from '@shadowfleet/models';
import { DuckDbEventStore } from '../store/duckdb-store';
import { plantedEvents } from './planted.test-helpers';
import { inlineRunner, workerRunner } from './runner';
import { ProfileService, type Scheduler } from './service';
import { storeAggregateSource } from './source';

const build = { ...DEFAULT_BUILD_OPTIONS, kSelection: { ...DEFAULT_BUILD_OPTIONS.kSelection, kMax: 6 } };

describe('ProfileService', () => {
  let dir: string;
  let store: DuckDbEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-profiles-'));
    store = await DuckDbEventStore.open({ path: ':memory:' });
    await store.append(plantedEvents(20));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const service = (runner = inlineRunner): ProfileService =>
    new ProfileService({ dataDir: dir, source: storeAggregateSource(store, { sessionGapMinutes: 30 }), build, runner, now: () => 1_700_000_000_000 });

  it('finds the three planted kinds of users, names them, and saves the model', async () => {
    const s = service();
    const summary = await s.rebuild();
    expect(summary).toMatchObject({ users: 60, k: 3, transitions: null });
    expect(summary.silhouette).toBeGreaterThan(0.5);
    expect(s.model?.profiles.map((p) => p.size)).toEqual([20, 20, 20]);
    const names = new Map<string, string>();
    for (const kind of ['search', 'shop', 'night']) names.set(kind, (await s.profileOf(`${kind}-0`))?.profileName ?? '');
    expect(names.get('shop')).toBe('error-prone');
    expect(names.get('night')).toBe('night owls');
    expect(names.get('search')).toBe('power users');
    for (const kind of ['search', 'shop', 'night']) {
      const ids = new Set(await Promise.all([0, 7, 19].map(async (i) => (await s.profileOf(`${kind}-${i}`))?.profileId)));
      expect(ids.size).toBe(1);
    }
  });

  it('keeps ids across a restart and a rebuild, and reports who moved', async () => {
    const first = service();
    await first.rebuild();
    const before = first.model?.profiles.map((p) => [p.id, p.name]);
    const restarted = service();
    expect(restarted.model?.profiles.map((p) => [p.id, p.name])).toEqual(before);
    expect((await restarted.profileOf('night-3'))?.source).toBe('rebuild');
    await store.append(plantedEvents(25).filter((e) => /-(2[0-4])$/.test(e.userId)));
    const summary = await restarted.rebuild();
    expect(new Set(restarted.model?.profiles.map((p) => p.id))).toEqual(new Set(before?.map(([id]) => id)));
    expect(summary.transitions).toMatchObject({ stayed: 60, moved: 0, joined: 15, left: 0 });
  });

  it('assigns a user who came after the rebuild live from their events', async () => {
    const s = service();
    await s.rebuild();
    await store.append(plantedEvents(31).filter((e) => e.userId === 'night-30'));
    expect(await s.profileOf('night-30')).toMatchObject({ source: 'live', profileName: 'night owls' });
    expect(await s.profileOf('nobody')).toBeUndefined();
  });

  it('shares one running rebuild between concurrent requests', async () => {
    const s = service();
    const [a, b] = await Promise.all([s.rebuild(), s.rebuild()]);
    expect(a).toBe(b);
    expect(s.counts).toEqual({ ok: 1, error: 0 });
  });

  it('rebuilds in a worker thread with the same result as in-process', async () => {
    const inThread = await service().rebuild();
    rmSync(dir, { recursive: true, force: true });
    const w = service(workerRunner);
    const inWorker = await w.rebuild();
    expect(inWorker.k).toBe(inThread.k);
    expect(inWorker.silhouette).toBeCloseTo(inThread.silhouette, 12);
  });

  it('rebuilds on its schedule, and once soon when there is no saved model', async () => {
    const jobs: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
    const manual: Scheduler = (fn, ms) => {
      const job = { fn, ms, cancelled: false };
      jobs.push(job);
      return () => (job.cancelled = true);
    };
    const s = service();
    s.startSchedule(3_600_000, manual, 5_000);
    expect(jobs.map((j) => j.ms)).toEqual([3_600_000, 5_000]);
    jobs[1].fn();
    expect(jobs[1].cancelled).toBe(true);
    await s.rebuild();
    expect(s.counts.ok).toBe(1);
    jobs[0].fn();
    await s.rebuild();
    expect(s.counts.ok).toBe(2);
    s.stop();
    expect(jobs[0].cancelled).toBe(true);
  });

  it('on close, stops the schedule and waits for a running rebuild', async () => {
    const s = service();
    const running = s.rebuild();
    await s.close();
    expect(s.counts.ok).toBe(1);
    expect(s.rebuilding).toBe(false);
    await running;
  });

  it('says what to do when the store is empty', async () => {
    const empty = await DuckDbEventStore.open({ path: ':memory:' });
    const s = new ProfileService({ source: storeAggregateSource(empty, { sessionGapMinutes: 30 }), runner: inlineRunner });
    await expect(s.rebuild()).rejects.toThrow('no events in the store yet: ingest or import events before building profiles');
    expect(s.counts.error).toBe(1);
    await empty.close();
  });
});
