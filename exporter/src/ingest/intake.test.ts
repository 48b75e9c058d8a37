import { Registry } from 'prom-client';
import { shardOf } from '@shadowfleet/models';
import { shardTopology } from '../shards/topology';
import { DuckDbEventStore } from '../store/duckdb-store';
import type { IncomingEvent } from '../store/types';
import { EventIntake } from './intake';
import { createIngestMetrics } from './metrics';
import { sourceMetrics } from './source-metrics';

const URLS = ['http://s0', 'http://s1', 'http://s2'];
const events: IncomingEvent[] = Array.from({ length: 60 }, (_, i) => ({ userId: `u${i % 30}`, timestamp: 1_700_000_000_000 + i * 1000, action: 'search' }));

async function counterValue(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const m = (await registry.getSingleMetric(name)!.get()).values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x));
  return m?.value ?? NaN;
}

describe('EventIntake: shard ownership for streaming sources', () => {
  const stores: DuckDbEventStore[] = [];
  afterAll(() => Promise.all(stores.map((s) => s.close())));

  async function intakeOf(index: number | undefined): Promise<{ intake: EventIntake; store: DuckDbEventStore; registry: Registry }> {
    const store = await DuckDbEventStore.open({ path: ':memory:' });
    stores.push(store);
    const registry = new Registry();
    const sources = sourceMetrics(registry);
    const topology = shardTopology({ shards: index === undefined ? [] : URLS, shardIndex: index });
    return { intake: new EventIntake(store, createIngestMetrics(registry), 10_000, topology && { topology, sources }), store, registry };
  }

  it('keeps the owned events of a source, counts the rest as wrong_shard, and the shards together store each event once', async () => {
    let total = 0;
    for (const index of [0, 1, 2]) {
      const { intake, store, registry } = await intakeOf(index);
      const mine = events.filter((e) => shardOf(e.userId, URLS.length) === index);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThan(events.length);
      const r = await intake.append(events, 'otlp');
      expect(r).toEqual({ ok: true, stored: mine.length, wrongShard: events.length - mine.length });
      expect((await store.stats()).events).toBe(mine.length);
      const stored: string[] = [];
      for await (const chunk of store.iterateEvents()) for (const e of chunk) stored.push(e.userId);
      expect(stored.every((u) => shardOf(u, URLS.length) === index)).toBe(true);
      expect(await counterValue(registry, 'shadowfleet_source_records_dropped_total', { source: 'otlp', reason: 'wrong_shard' })).toBe(events.length - mine.length);
      expect(await counterValue(registry, 'shadowfleet_source_records_dropped_total', { source: 'haproxy_log', reason: 'wrong_shard' })).toBe(0);
      total += r.ok ? r.stored : 0;
    }
    expect(total).toBe(events.length);
  });

  it('a batch of only other shards\' users stores nothing and succeeds', async () => {
    const { intake, store } = await intakeOf(1);
    const others = events.filter((e) => shardOf(e.userId, URLS.length) !== 1);
    expect(await intake.append(others, 'haproxy_log')).toEqual({ ok: true, stored: 0, wrongShard: others.length });
    expect((await store.stats()).events).toBe(0);
  });

  it('without a source (POST /v1/events, checked with 409 before) or without shards, stores everything', async () => {
    const sharded = await intakeOf(1);
    expect(await sharded.intake.append(events)).toEqual({ ok: true, stored: events.length });
    const single = await intakeOf(undefined);
    expect(await single.intake.append(events, 'otlp')).toEqual({ ok: true, stored: events.length });
    expect(await counterValue(single.registry, 'shadowfleet_source_records_dropped_total', { source: 'otlp', reason: 'wrong_shard' })).toBe(0);
  });
});
