import type { IncomingEvent } from '../store/types';
import type { EventStore } from '../store/types';
import type { ShardTopology } from '../shards/topology';
import type { IngestMetrics } from './metrics';
import type { EventSource, SourceMetrics } from './source-metrics';

/** What became of a batch handed to the intake. */
export type IntakeResult =
  | { readonly ok: true; readonly stored: number; readonly wrongShard?: number }
  | { readonly ok: false; readonly reason: 'overloaded' | 'store_error'; readonly message: string; readonly wrongShard?: number };

/** With shards: this exporter's place, and the per-source counters that count records of other shards' users. */
export interface IntakeShard {
  readonly topology: ShardTopology;
  readonly sources: SourceMetrics;
}

/**
 * The one way events reach the store, for every source (POST /v1/events, POST /v1/logs, the HAProxy
 * log): back-pressure (refuse while the store has more than `maxPendingEvents` waiting), the durable
 * append (resolved = committed), and the ingest counters. A refusal stores nothing and is counted in
 * shadowfleet_events_rejected_total by its reason.
 *
 * With shards, the streaming sources (OTLP, the HAProxy log) pass `source`: events of users another shard
 * owns are left out and counted in shadowfleet_source_records_dropped_total{reason="wrong_shard"}, the rest
 * is stored. (POST /v1/events refuses a batch with a stray user whole, 409, before it gets here.)
 */
export class EventIntake {
  constructor(
    private readonly store: EventStore,
    private readonly metrics: IngestMetrics,
    readonly maxPendingEvents: number,
    private readonly shard?: IntakeShard,
  ) {}

  /** True when no new batch should be read now (the store is behind). */
  get behind(): boolean {
    return this.store.pendingEvents >= this.maxPendingEvents;
  }

  get pendingEvents(): number {
    return this.store.pendingEvents;
  }

  /** Counts events that were refused before they reached the intake (e.g. a body that could not be read). */
  countRejected(reason: 'overloaded', events: number): void {
    if (events > 0) this.metrics.eventsRejected.inc({ reason }, events);
  }

  /** Stores `events`; from a streaming `source`, only those of users this shard owns (see the class). */
  async append(all: readonly IncomingEvent[], source?: EventSource): Promise<IntakeResult> {
    const events = source === undefined ? all : this.owned(all, source);
    const wrongShard = all.length - events.length;
    const result = await this.store_(events);
    return wrongShard > 0 ? { ...result, wrongShard } : result;
  }

  /** The events of users this shard owns; the others are counted as dropped (wrong_shard) for `source`. */
  private owned(events: readonly IncomingEvent[], source: EventSource): readonly IncomingEvent[] {
    const s = this.shard;
    if (!s) return events;
    const kept = events.filter((e) => s.topology.owner(e.userId) === s.topology.index);
    if (kept.length < events.length) s.sources.dropped.inc({ source, reason: 'wrong_shard' }, events.length - kept.length);
    return kept;
  }

  private async store_(events: readonly IncomingEvent[]): Promise<IntakeResult> {
    if (events.length === 0) return { ok: true, stored: 0 };
    if (this.store.pendingEvents + events.length > this.maxPendingEvents) {
      this.metrics.eventsRejected.inc({ reason: 'overloaded' }, events.length);
      return { ok: false, reason: 'overloaded', message: `the store is behind (${this.store.pendingEvents} events waiting, at most ${this.maxPendingEvents})` };
    }
    const end = this.metrics.appendSeconds.startTimer();
    try {
      await this.store.append(events);
    } catch (err) {
      this.metrics.eventsRejected.inc({ reason: 'store_error' }, events.length);
      return { ok: false, reason: 'store_error', message: `the store could not save the batch (nothing was stored): ${(err as Error).message}` };
    } finally {
      end();
    }
    this.metrics.eventsIngested.inc(events.length);
    return { ok: true, stored: events.length };
  }
}
