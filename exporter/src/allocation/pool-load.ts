import { poolLoadFilter, type PoolModel } from '@shadowfleet/models';
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
