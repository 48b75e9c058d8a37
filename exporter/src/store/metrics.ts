import { Gauge, type Registry } from 'prom-client';
import type { EventStore } from './types';

/** Store gauges, filled at scrape time from the store itself. */
export function registerStoreMetrics(registry: Registry, store: EventStore): void {
  let last: Promise<Awaited<ReturnType<EventStore['stats']>>> | undefined;
  // One stats() query per scrape, shared by the three gauges.
  const stats = () => (last ??= store.stats().finally(() => setImmediate(() => (last = undefined))));
  new Gauge({
    name: 'shadowfleet_store_events',
    help: 'Events in the store',
    registers: [registry],
    async collect() {
      this.set((await stats()).events);
    },
  });
  new Gauge({
    name: 'shadowfleet_store_users',
    help: 'Users with profile attributes in the store',
    registers: [registry],
    async collect() {
      this.set((await stats()).users);
    },
  });
  new Gauge({
    name: 'shadowfleet_store_bytes',
    help: 'Size of the store on disk (database file and write-ahead log)',
    registers: [registry],
    async collect() {
      this.set((await stats()).bytes);
    },
  });
  new Gauge({
    name: 'shadowfleet_store_pending_events',
    help: 'Events accepted for writing but not yet committed',
    registers: [registry],
    collect() {
      this.set(store.pendingEvents);
    },
  });
}
