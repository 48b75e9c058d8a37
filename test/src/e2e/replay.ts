import { createReadStream } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { repoRoot } from '../support/index';

/** The bundled real slice replayed by the end-to-end test (see data/samples/nasa-http-log-19950801/README.md). */
export const NASA_SLICE = path.join(repoRoot, 'data', 'samples', 'nasa-http-log-19950801', 'nasa_19950801_0200-0559.tsv.gz');

/** One request of the NASA log: client host, time (epoch ms), URL, status, bytes. */
export interface LoggedRequest {
  readonly host: string;
  readonly timeMs: number;
  readonly url: string;
  readonly status: number;
  readonly bytes: number;
}

/** Reads the NASA TSV slice (header host, logname, time, method, url, response, bytes, …). */
export async function readNasaSlice(file = NASA_SLICE): Promise<LoggedRequest[]> {
  const lines = readline.createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const out: LoggedRequest[] = [];
  let cols: Record<string, number> | undefined;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const f = line.split('\t');
    if (!cols) {
      cols = Object.fromEntries(f.map((name, i) => [name.trim(), i]));
      continue;
    }
    out.push({
      host: f[cols.host],
      timeMs: Number(f[cols.time]) * 1000,
      url: f[cols.url],
      status: Number(f[cols.response]),
      bytes: Number(f[cols.bytes]) || 0,
    });
  }
  return out;
}

/** The ingest API's wire format (POST /v1/events, snake_case). */
export interface WireEvent {
  readonly user_id: string;
  readonly timestamp: number;
  readonly action: string;
  readonly status: number;
  readonly bytes: number;
}

/**
 * The requests as events whose times are shifted so that the slice's `from` lands at `nowMs` and
 * compressed by `speedup` (a speedup of 60 turns an hour of log into a minute). The URL goes in raw:
 * the exporter's own URL→action mapping is not duplicated here.
 */
export function shiftedEvents(requests: readonly LoggedRequest[], fromMs: number, nowMs: number, speedup: number): WireEvent[] {
  return requests.map((r) => ({
    user_id: r.host,
    timestamp: Math.round(nowMs + (r.timeMs - fromMs) / speedup),
    action: r.url,
    status: r.status,
    bytes: r.bytes,
  }));
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
