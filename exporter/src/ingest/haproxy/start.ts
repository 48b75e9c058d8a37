import type { Registry } from 'prom-client';
import type { Config } from '../../config';
import type { ActionRules } from '../../importers/action-rules';
import type { Started } from '../../lifecycle';
import type { Logger } from '../../logger';
import type { EventStore } from '../../store/types';
import { EventIntake } from '../intake';
import { createIngestMetrics } from '../metrics';
import { sourceMetrics } from '../source-metrics';
import { shardTopology } from '../../shards/topology';
import { HaproxyLogEvents } from './log-events';

/**
 * The HAProxy log events source when the KPI syslog listener runs and config.haproxyEvents is on
 * (undefined otherwise): its `line` goes to startKpis' onMessage; close() stores what is buffered. Start
 * it before the KPI listener, so that the listener stops first.
 */
export function startHaproxyLogEvents(o: { config: Config; registry: Registry; store: EventStore; actionRules: ActionRules; logger: Logger }): Started<HaproxyLogEvents | undefined> {
  const { config } = o;
  if (config.kpiSyslogPort === undefined || !config.haproxyEvents) return { service: undefined, close: () => undefined };
  const topology = shardTopology(config);
  const intake = new EventIntake(o.store, createIngestMetrics(o.registry), config.maxPendingEvents, topology && { topology, sources: sourceMetrics(o.registry) });
  const events = new HaproxyLogEvents({ intake, registry: o.registry, maxBatch: config.maxBatchEvents, rules: o.actionRules, userFromSource: config.haproxyUserFromSource, logger: o.logger.child({ component: 'haproxy-log-events' }) });
  return { service: events, close: () => events.stop() };
}
