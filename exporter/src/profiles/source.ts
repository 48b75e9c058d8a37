import { aggregateEvents, type BehaviourEvent, type UserAggregate } from '@shadowfleet/models';
import { queryUserAggregates, streamUserAggregates, type SqlRowStream } from '../store/duckdb-profile-queries';
import type { EventStore } from '../store/types';

/** Where profile building gets its per-user aggregates. */
export interface AggregateSource {
  /** Every user's aggregate, in chunks (so that nobody needs to hold them all at once). */
  stream(): AsyncIterable<UserAggregate[]>;
  /** One user's aggregate, or undefined when the user has no events. */
  user(userId: string): Promise<UserAggregate | undefined>;
}

export interface AggregateSourceOptions {
  readonly sessionGapMinutes: number;
  readonly hourOffsetMinutes?: number;
}

function hasSql(store: EventStore): store is EventStore & SqlRowStream {
  return typeof (store as Partial<SqlRowStream>).streamRows === 'function';
}

/**
 * Aggregates from the store: one SQL pass when the store speaks SQL (DuckDB), otherwise the events
 * streamed by user and aggregated in JS with the same definitions.
 */
export function storeAggregateSource(store: EventStore, options: AggregateSourceOptions): AggregateSource {
  const maxGapMs = options.sessionGapMinutes * 60_000;
  const q = { maxGapMs, hourOffsetMinutes: options.hourOffsetMinutes };
  if (hasSql(store)) {
    return {
      stream: () => streamUserAggregates(store, q),
      user: async (userId) => (await queryUserAggregates(store, { ...q, userId }))[0],
    };
  }
  return {
    async *stream() {
      let current: BehaviourEvent[] = [];
      for await (const chunk of store.iterateEvents({ order: 'user' })) {
        const done: UserAggregate[] = [];
        for (const e of chunk) {
          if (current.length > 0 && current[0].userId !== e.userId) {
            done.push(...aggregateEvents(current, q));
            current = [];
          }
          current.push(e);
        }
        if (done.length > 0) yield done;
      }
      if (current.length > 0) yield aggregateEvents(current, q);
    },
    user: async (userId) => aggregateEvents(await store.userEvents(userId), q)[0],
  };
}
