import path from 'node:path';
import { formatByName, type IncomingEvent } from '@shadowfleet/exporter';
import { repoRoot } from '../support/index';

/** The bundled real slices the end-to-end test replays: the night (ordinary level) and the midday peak (surge). */
export const NASA_NIGHT_SLICE = path.join(repoRoot, 'data', 'samples', 'nasa-http-log-19950801', 'nasa_19950801_0200-0559.tsv.gz');
export const NASA_MIDDAY_SLICE = path.join(repoRoot, 'data', 'samples', 'nasa-http-log-19950801-midday', 'nasa_19950801_1030-1229.tsv.gz');

/**
 * Reads the slice with the exporter's own NASA importer (so host → user, URL → action and data type are
 * mapped exactly as `shadowfleet import` maps them), in time order.
 */
export async function readNasaSlice(file: string): Promise<IncomingEvent[]> {
  const events: IncomingEvent[] = [];
  for await (const item of formatByName('nasa-tsv').read(file, {})) if ('event' in item) events.push(item.event);
  if (events.length === 0) throw new Error(`${file} held no events`);
  return events.sort((a, b) => a.timestamp - b.timestamp);
}

/** The events `times` times over, each copy shifted by the slice's span (a longer replay of the same requests). */
export function repeated(events: readonly IncomingEvent[], times: number): IncomingEvent[] {
  const span = events[events.length - 1].timestamp - events[0].timestamp + 1000;
  const out: IncomingEvent[] = [];
  for (let k = 0; k < times; k++) for (const e of events) out.push({ ...e, timestamp: e.timestamp + k * span });
  return out;
}

/** The ingest API's wire format (POST /v1/events, snake_case); absent fields are left out. */
export type WireEvent = Record<string, string | number | boolean>;

/**
 * The events as wire records whose times are shifted so that `fromMs` of the log lands at `nowMs`, and
 * compressed by `speedup` (60 turns an hour of log into a minute). Everything else is as imported.
 */
export function shiftedEvents(events: readonly IncomingEvent[], fromMs: number, nowMs: number, speedup: number): WireEvent[] {
  return events.map((e) => {
    const w: WireEvent = { user_id: e.userId, timestamp: Math.round(nowMs + (e.timestamp - fromMs) / speedup), action: e.action };
    if (e.dataType !== undefined) w.data_type = e.dataType;
    if (e.status !== undefined) w.status = e.status;
    if (e.error !== undefined) w.error = e.error;
    if (e.bytes !== undefined) w.bytes = e.bytes;
    if (e.durationMs !== undefined) w.duration_ms = e.durationMs;
    if (e.cost !== undefined) w.cost = e.cost;
    return w;
  });
}

/** POSTs events to the exporter's ingest API as one JSON batch with the bearer token. */
export async function postEvents(exporterUrl: string, token: string, events: readonly WireEvent[]): Promise<void> {
  const res = await fetch(`${exporterUrl}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(events),
  });
  if (!res.ok) throw new Error(`POST /v1/events → ${res.status}: ${(await res.text()).slice(0, 500)}`);
}
