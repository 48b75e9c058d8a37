import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { otlp, type IncomingEvent } from '@shadowfleet/exporter';
import { freePort } from '@shadowfleet/service-kit/testing';
import type { BenchSuite } from '../suite';
import { startExporterProcess } from '../ingest/exporter-process';
import { postAll } from '../ingest/post';
import { loadLogEvents, replay, wireLine } from '../ingest/rows';

const EVENTS = 200_000;
const BATCH = 1000;
const CLIENTS = 4;
const PASSES = 3;
const UDP_LINES = 50_000;
/** HAProxy log lines sent per burst before yielding (a burst must fit the receiver's socket buffer). */
const UDP_BURST = 200;
const TOKEN = 'bench-token-0123456789abcdef';
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

/** One event as an OTLP log record with the documented attributes (docs/ingest-sources.md). */
function logRecord(e: IncomingEvent): Record<string, unknown> {
  const s = (key: string, v: string) => ({ key, value: { stringValue: v } });
  const i = (key: string, v: number) => ({ key, value: { intValue: String(v) } });
  const attributes: Array<{ key: string; value: Record<string, string> }> = [s('user.id', e.userId), s('shadowfleet.action', e.action)];
  if (e.dataType) attributes.push(s('shadowfleet.data_type', e.dataType));
  if (e.status !== undefined) attributes.push(i('http.response.status_code', e.status));
  if (e.bytes !== undefined) attributes.push(i('http.response.body.size', e.bytes));
  return { timeUnixNano: String(BigInt(e.timestamp) * 1_000_000n), attributes };
}

/** One event as the log line HAProxy sends with haproxyFrontendLines() (syslog header included). */
function haproxyLine(e: IncomingEvent, n: number): string {
  return `<134>Dec  7 15:48:23 haproxy[865]: shadowfleet_kpi profile=- status=${e.status ?? 200} ta_ms=3 backend=web ts_ms=${e.timestamp} src=10.0.${n % 250}.1 method=GET bytes=${e.bytes ?? 0} user="${e.userId}" path="${e.action}/x.${e.dataType ?? 'html'}"`;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name.replace(/[{}"]/g, (c) => `\\${c}`)} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
}

/** Sends HAProxy log lines over UDP in bursts, then waits until the exporter has stored what arrived. */
async function blastSyslog(url: string, port: number, lines: string[]) {
  const socket = dgram.createSocket('udp4');
  const before = await metric(url, 'shadowfleet_source_events_accepted_total{source="haproxy_log"}');
  const cpu0 = await metric(url, 'shadowfleet_exporter_process_cpu_seconds_total');
  const started = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i += UDP_BURST) {
    await Promise.all(lines.slice(i, i + UDP_BURST).map((l) => new Promise<void>((res, rej) => socket.send(l, port, '127.0.0.1', (e) => (e ? rej(e) : res())))));
    await new Promise((r) => setImmediate(r));
  }
  const sentSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  socket.close();
  let stored = 0;
  for (let last = -1; stored !== last; ) {
    last = stored;
    await new Promise((r) => setTimeout(r, 500)); // > the 200 ms flush
    stored = (await metric(url, 'shadowfleet_source_events_accepted_total{source="haproxy_log"}')) - before;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9 - 0.5;
  const cpu = (await metric(url, 'shadowfleet_exporter_process_cpu_seconds_total')) - cpu0;
  return {
    lines_sent: lines.length,
    send_seconds: Number(sentSeconds.toFixed(2)),
    events_stored: stored,
    lost: lines.length - stored,
    events_per_second: Math.round(stored / seconds),
    exporter_cpu_us_per_line_received: Number(((cpu * 1e6) / lines.length).toFixed(2)),
  };
}

export const ingestSourcesSuite: BenchSuite = {
  name: 'ingest-sources',
  description: `events/s through POST /v1/logs (OTLP protobuf and JSON, ${BATCH} log records a request, ${CLIENTS} clients) beside POST /v1/events NDJSON, and through HAProxy log lines over UDP, real NASA+EPA events`,
  async run() {
    const events = replay(await loadLogEvents(), EVENTS);
    const batches: IncomingEvent[][] = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
    const otlpRequest = (b: IncomingEvent[]) => ({ resourceLogs: [{ resource: { attributes: [] }, scopeLogs: [{ logRecords: b.map(logRecord) }] }] });
    const bodies = {
      ndjson: batches.map((b) => Buffer.from(b.map(wireLine).join('\n'))),
      otlp_protobuf: batches.map((b) => otlp.encodeLogsRequest(otlpRequest(b), 'protobuf')),
      otlp_json: batches.map((b) => otlp.encodeLogsRequest(otlpRequest(b), 'json')),
    };
    const targets = {
      ndjson: { token: TOKEN },
      otlp_protobuf: { token: TOKEN, path: '/v1/logs', contentType: 'application/x-protobuf', okStatus: 200 },
      otlp_json: { token: TOKEN, path: '/v1/logs', contentType: 'application/json', okStatus: 200 },
    };
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-sources-'));
    const syslogPort = await freePort('udp');
    const ex = await startExporterProcess(path.join(tmp, 'data'), TOKEN, undefined, { SHADOWFLEET_KPI_SYSLOG_PORT: String(syslogPort) });
    try {
      const http: Record<string, unknown> = {};
      for (const kind of ['ndjson', 'otlp_protobuf', 'otlp_json'] as const) await postAll(ex.url, bodies[kind].slice(0, 10), CLIENTS, targets[kind]); // warm-up
      const rates: Record<string, number[]> = { ndjson: [], otlp_protobuf: [], otlp_json: [] };
      // Exporter CPU per event (all threads): steadier than wall time on a shared machine.
      const cpuUs: Record<string, number[]> = { ndjson: [], otlp_protobuf: [], otlp_json: [] };
      const loadAtStart = os.loadavg()[0];
      // Interleaved passes, so each kind sees the same machine load and store size.
      for (let pass = 0; pass < PASSES; pass++) {
        for (const kind of ['ndjson', 'otlp_protobuf', 'otlp_json'] as const) {
          const cpu0 = await metric(ex.url, 'shadowfleet_exporter_process_cpu_seconds_total');
          const r = await postAll(ex.url, bodies[kind], CLIENTS, targets[kind]);
          rates[kind]!.push(Math.round(events.length / r.seconds));
          cpuUs[kind]!.push(Number(((((await metric(ex.url, 'shadowfleet_exporter_process_cpu_seconds_total')) - cpu0) * 1e6) / events.length).toFixed(2)));
        }
      }
      for (const [kind, r] of Object.entries(rates)) {
        const bytes = bodies[kind as keyof typeof bodies].reduce((a, b) => a + b.length, 0);
        http[kind] = { events_per_second_median: median(r), passes: r, exporter_cpu_us_per_event_median: median(cpuUs[kind]!), exporter_cpu_us_per_event: cpuUs[kind], body_bytes_per_event: Math.round(bytes / events.length) };
        process.stderr.write(`bench ingest-sources: ${kind}: ${r.join(', ')} events/s, ${cpuUs[kind]!.join(', ')} µs CPU/event\n`);
      }
      const syslog = await blastSyslog(ex.url, syslogPort, events.slice(0, UDP_LINES).map(haproxyLine));
      process.stderr.write(`bench ingest-sources: HAProxy log over UDP: ${JSON.stringify(syslog)}\n`);
      return {
        events_per_pass: events.length,
        batch_records: BATCH,
        clients: CLIENTS,
        passes: PASSES,
        http,
        otlp_protobuf_vs_ndjson_cpu_per_event_medians: Number((median(cpuUs.otlp_protobuf!) / median(cpuUs.ndjson!)).toFixed(3)),
        otlp_protobuf_vs_ndjson_medians: Number(((http.otlp_protobuf as { events_per_second_median: number }).events_per_second_median / median(rates.ndjson!)).toFixed(3)),
        haproxy_log_udp: syslog,
        load_average_1m_at_start: Number(loadAtStart.toFixed(2)),
        load_average_1m_at_end: Number(os.loadavg()[0].toFixed(2)),
        note: 'one exporter process (background jobs off) on this shared 2-core machine, the node:http client beside it; passes interleaved by kind; durable on each 2xx; the UDP run sends bursts of lines from one socket and counts what the exporter stored (lost = dropped by the kernel or the source before storing)',
      };
    } finally {
      await ex.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
