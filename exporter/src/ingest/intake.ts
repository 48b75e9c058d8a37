import type { IncomingEvent } from '../store/types';
import type { EventStore } from '../store/types';
import type { IngestMetrics } from './metrics';

/** What became of a batch handed to the intake. */
export type IntakeResult =
  | { readonly ok: true; readonly stored: number }
  | { readonly ok: false; readonly reason: 'overloaded' | 'store_error'; readonly message: string };

/**
 * The one way events reach the store, for every source (POST /v1/events, POST /v1/logs, the HAProxy
 * log): back-pressure (refuse while the store has more than `maxPendingEvents` waiting), the durable
 * append (resolved = committed), and the ingest counters. A refusal stores nothing and is counted in
 * shadowfleet_events_rejected_total by its reason.
 */
export class EventIntake {
  constructor(
    private readonly store: EventStore,
    private readonly metrics: IngestMetrics,
    readonly maxPendingEvents: number,
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

  async append(events: readonly IncomingEvent[]): Promise<IntakeResult> {
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
