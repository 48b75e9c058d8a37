import type { Registry } from 'prom-client';
import type { Logger } from '../../logger';
import type { EventIntake } from '../intake';
import { sourceMetrics, type SourceMetrics } from '../source-metrics';
import { validateEach } from '../validate';
import { toIncoming, wireEventSchema } from '../wire-schema';
import { eventFromLine, type LineOptions } from './log-line';

/** A batch is stored when it holds this many events, or this long after its first line. */
export const FLUSH_AFTER_MS = 200;

export interface HaproxyLogEventsOptions extends LineOptions {
  readonly intake: EventIntake;
  readonly registry: Registry;
  /** Most events per store append (SHADOWFLEET_MAX_BATCH_EVENTS). */
  readonly maxBatch: number;
  readonly logger: Logger;
}

/**
 * Turns HAProxy log lines into events and stores them through the ingest intake in small batches.
 * Syslog over UDP carries no acknowledgement and cannot push back: events are durable once their batch
 * is appended (at most FLUSH_AFTER_MS after the line), and what the store refuses is counted as
 * dropped (overloaded, store_error), never queued without bound.
 */
export class HaproxyLogEvents {
  private batch: Array<Record<string, string | number | boolean>> = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly counters: SourceMetrics;

  constructor(private readonly o: HaproxyLogEventsOptions) {
    this.counters = sourceMetrics(o.registry);
  }

  /** One syslog message (any HAProxy line; non-event lines are ignored). */
  readonly line = (message: string): void => {
    const r = eventFromLine(message, this.o);
    if (r === undefined) return;
    if ('drop' in r) {
      this.counters.dropped.inc({ source: 'haproxy_log', reason: r.drop });
      return;
    }
    this.batch.push(r.wire);
    if (this.batch.length >= this.o.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_AFTER_MS);
  };

  /** Stores the lines received so far (validated one by one with the /v1/events schema). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const wire = this.batch;
    this.batch = [];
    if (wire.length === 0) return Promise.resolve();
    const { values, dropped } = validateEach(wire, wireEventSchema, toIncoming);
    if (dropped.length > 0) this.counters.dropped.inc({ source: 'haproxy_log', reason: 'invalid' }, dropped.length);
    const p = this.o.intake.append(values, 'haproxy_log').then((r) => {
      if (r.ok) this.counters.accepted.inc({ source: 'haproxy_log' }, r.stored);
      else {
        const owned = values.length - (r.wrongShard ?? 0);
        this.counters.dropped.inc({ source: 'haproxy_log', reason: r.reason }, owned);
        this.o.logger.warn({ events: owned, reason: r.message }, `${owned} events dropped: ${r.message}`);
      }
    });
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }

  /** Stores what is buffered and waits for every append (the exporter's close runs it before the store closes). */
  async stop(): Promise<void> {
    await this.flush();
    await Promise.all(this.inFlight);
  }
}
