import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatByName } from '../importers';
import { sampleDataDir } from '../paths';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { IncomingEvent } from '../store/types';
import { BehaviourService } from './behaviour-service';
import { ModelStore } from './model-store';

const NASA = path.join(sampleDataDir, 'nasa-http-log-19950801', 'nasa_19950801_0200-0559.tsv.gz');

async function nasaEvents(): Promise<IncomingEvent[]> {
  const out: IncomingEvent[] = [];
  for await (const item of formatByName('nasa-tsv').read(NASA, {})) if ('event' in item) out.push(item.event);
  return out;
}

describe('BehaviourService on the bundled NASA slice (real DuckDB store)', () => {
  let dir: string;
  let store: DuckDbEventStore;
  let events: IncomingEvent[];
  const end = (): number => events[events.length - 1].timestamp;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sf-behaviour-'));
    store = await DuckDbEventStore.open({ path: ':memory:' });
    events = await nasaEvents();
    await store.append(events);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // "Now" is an hour after the slice ends, so its sessions have finished and fill the replay buffer.
  // Every other user has a profile (as the profiles module would say): the LSTM's profile input.
  const profileOf = (userId: string): string | undefined => (userId.length % 2 === 0 ? 'p2' : undefined);
  const service = (): BehaviourService =>
    new BehaviourService({ store, models: new ModelStore(path.join(dir, 'models')), basis: 'bytes', sessionGapMinutes: 30, now: () => end() + 3_600_000, trainOptions: { epochs: 2 }, profileOf });

  it('learns complexity per action and forecasts 5/15/60 minutes from the store', async () => {
    const s = service();
    await s.refresh();
    expect(s.scorer.events).toBe(events.length);
    const images = s.scorer.snapshot().find((a) => a.action === '/images' && a.dataType === 'gif');
    expect(images!.units).toBeGreaterThan(0);
    expect(s.forecasts.map((f) => f.horizonMinutes)).toEqual([5, 15, 60]);
    const [f5, f15, f60] = s.forecasts;
    expect(f5.activeSessions).toBe(0); // an hour after the last event
    expect(f5.complexity).toBeGreaterThan(0);
    expect(f15.complexity).toBeGreaterThan(f5.complexity);
    expect(f60.newSessions).toBeCloseTo(12 * f5.newSessions, 6);
    expect(s.modelVersion).toBe('markov-fallback');
    // Live accuracy: predictions were made for the active users; a second refresh with no new events scores none.
    await s.refresh();
    expect(Number.isNaN(s.liveTop1)).toBe(true);
  });

  it('retrains in a worker, saves a version, promotes only on held-out gain, and reloads the champion after a restart', async () => {
    const s = service();
    await s.refresh();
    const outcome = await s.retrain();
    expect(outcome.version).toBe(1);
    expect(outcome.championKind).toBe('markov3');
    expect(outcome.challengerTop1).toBeGreaterThan(0);
    const models = new ModelStore(path.join(dir, 'models'));
    expect(models.versions()).toEqual([1]);
    // The network takes data types, the profile and time of day / day of week beside the actions.
    expect(models.load(1).manifest.config).toMatchObject({ vocabSize: 64, dataTypes: 16, profiles: 32, timeFeatures: true });
    expect(models.champion()).toBe(outcome.promoted ? 1 : undefined);
    expect(s.modelVersion).toBe(outcome.promoted ? '1' : 'markov-fallback');
    if (outcome.promoted) {
      const restarted = service();
      await restarted.start();
      expect(restarted.modelVersion).toBe('1');
      await restarted.refresh();
      expect(restarted.forecasts).toHaveLength(3);
    }
  }, 120_000);
});
