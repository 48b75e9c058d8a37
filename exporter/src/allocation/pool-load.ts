import { poolLoadFilter, SERVES_FIELDS, type PoolModel } from '@shadowfleet/models';
import type { StepQuery } from '../store/load-per-step';
import type { EventStore } from '../store/types';

/**
 * A pool's load per step from this exporter's store: the events the pool's `serves` selector routes to it
 * (with one pool, or without `pool`, every event: the site's load). The resource manager's `load`.
 */
export function poolLoad(store: Pick<EventStore, 'loadPerStep'>, pools: PoolModel): (q: StepQuery, pool?: string) => Promise<number[]> {
  return (q, pool) => {
    const filter = pool === undefined ? undefined : poolLoadFilter(pools, pool);
    return store.loadPerStep(filter ? { ...q, filter } : q);
  };
}

/**
 * A selector value that routes no traffic is most likely a typo (values are exact and case-sensitive), and its
 * events silently land in the pool without `serves`: one warning per such value, naming the field, when the
 * store has events in [fromMs, toMs) at all (a fresh store warns of nothing).
 */
export async function unmatchedServes(store: Pick<EventStore, 'valuesSeen' | 'loadPerStep'>, pools: PoolModel, fromMs: number, toMs: number): Promise<string[]> {
  const [total] = await store.loadPerStep({ fromMs, toMs, stepMs: Math.max(1, toMs - fromMs), unit: 'requests' });
  if (!(total > 0)) return [];
  const span = toMs - fromMs;
  const window = span >= 7_200_000 ? `${Math.round(span / 3_600_000)} h` : `${Math.round(span / 60_000)} min`;
  const warnings: string[] = [];
  for (const [name, pool] of Object.entries(pools.pools)) {
    const field = pool.serves && SERVES_FIELDS.find((f) => pool.serves![f]);
    if (!field) continue;
    const values = pool.serves![field]!;
    const seen = await store.valuesSeen(field, values, fromMs, toMs);
    values.forEach((v, i) => {
      if (!seen.has(v)) warnings.push(`pools.${name}.serves.${field}.${i}: "${v}" matched none of the ${total} events of the last ${window} (values are exact and case-sensitive), so pool ${name} gets no load from it`);
    });
  }
  return warnings;
}
