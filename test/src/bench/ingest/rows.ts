import { importFormats, type IncomingEvent } from '@shadowfleet/exporter';
import { EPA_LOG, NASA_LOG } from '../data/request-logs';
import { needSharedData } from '../data/shared-data';

/** The real logs the ingest benchmark replays (hosts as users, URL → action, extension → data type). */
export const INGEST_LOGS = [NASA_LOG, EPA_LOG];

/** Every event of the NASA and EPA logs, in file order, through the project's own importers. */
export async function loadLogEvents(): Promise<IncomingEvent[]> {
  const out: IncomingEvent[] = [];
  for (const log of INGEST_LOGS) {
    const file = needSharedData(log.file, 'ingest');
    const format = importFormats.find((f) => f.name === log.format)!;
    for await (const item of format.read(file, {})) if ('event' in item) out.push(item.event);
  }
  return out;
}

/**
 * `total` events made from the log events by replaying them in passes: pass p renames each host to
 * `host#p` and shifts time by p days, so users and sessions stay realistic and distinct.
 */
export function replay(events: readonly IncomingEvent[], total: number): IncomingEvent[] {
  const out: IncomingEvent[] = [];
  for (let p = 0; out.length < total; p++) {
    for (const e of events) {
      if (out.length >= total) break;
      out.push(p === 0 ? e : { ...e, userId: `${e.userId}#${p}`, timestamp: e.timestamp + p * 86_400_000 });
    }
  }
  return out;
}

/** One event in the ingest API's wire format (snake_case). */
export function wireLine(e: IncomingEvent): string {
  return JSON.stringify({
    user_id: e.userId,
    timestamp: e.timestamp,
    action: e.action,
    data_type: e.dataType,
    status: e.status,
    bytes: e.bytes,
  });
}
