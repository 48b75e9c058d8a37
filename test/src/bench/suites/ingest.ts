import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSuite } from '../suite';
import { summariseCpuProfiles } from '../ingest/cpu-profile';
import { startExporterProcess } from '../ingest/exporter-process';
import { rawAppenderRate } from '../ingest/raw-appender';
import { loadLogEvents, replay, wireLine } from '../ingest/rows';
import { postAll, quantile } from '../ingest/post';

const TOTAL_EVENTS = 400_000;
const BATCH = 1000;
const CLIENTS = [1, 4, 8];
/** Passes over all events per setting (same exporter, same store): the machine is shared, so one pass is noisy. */
const PASSES = 3;
const TOKEN = 'bench-token-0123456789abcdef';

const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);

/** Events in the store and CPU seconds the exporter process has used, from its /metrics. */
async function scrape(url: string): Promise<{ events: number; cpuSeconds: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { events: value('shadowfleet_store_events'), cpuSeconds: value('shadowfleet_exporter_process_cpu_seconds_total') };
}

/**
 * A new exporter builds profiles once, about 10 s after start (in a worker thread). Wait for that
 * build (over the warm-up data) so it does not compete for the 2 cores during the measurement.
 */
async function waitForFirstProfileBuild(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const lines = text.split('\n').filter((l) => l.startsWith('shadowfleet_profile_rebuilds_total'));
    if (lines.length === 0 || lines.some((l) => Number(l.split(' ').pop()) > 0)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** One pass of every body: rate, latency, client and exporter CPU, store count checked, load around it. */
async function measurePass(url: string, bodies: Buffer[], clients: number, events: number): Promise<Record<string, unknown>> {
  const before = await scrape(url);
  const load = os.loadavg()[0];
  const r = await postAll(url, bodies, clients, { token: TOKEN });
  const after = await scrape(url);
  const stored = after.events - before.events;
  if (stored !== events) throw new Error(`stored ${stored} events, expected ${events}`);
  const cpu = after.cpuSeconds - before.cpuSeconds;
  return {
    ...r,
    events_per_second: Math.round(events / r.seconds),
    exporter_cpu_seconds: Number(cpu.toFixed(2)),
    exporter_cpu_us_per_event: Number(((cpu * 1e6) / events).toFixed(2)),
    load_average_1m_at_start: Number(load.toFixed(2)),
    load_average_1m_at_end: Number(os.loadavg()[0].toFixed(2)),
  };
}

export const ingestSuite: BenchSuite = {
  name: 'ingest',
  description: `HTTP ingest of NDJSON batches of ${BATCH} real NASA+EPA log events (durable on 201) vs raw DuckDB appender inserts of the same rows`,
  async run() {
    const logEvents = await loadLogEvents();
    const events = replay(logEvents, TOTAL_EVENTS);
    const bodies: Buffer[] = [];
    for (let i = 0; i < events.length; i += BATCH) bodies.push(Buffer.from(events.slice(i, i + BATCH).map(wireLine).join('\n')));
    const bodyBytes = bodies.reduce((a, b) => a + b.length, 0);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-ingest-'));
    try {
      const http: Array<Record<string, unknown>> = [];
      const profileDir = path.join(tmp, 'cpu-profile');
      for (const clients of CLIENTS) {
        const dir = path.join(tmp, `http-${clients}`);
        const profiled = clients === 4; // one profiled exporter; the others run unprofiled
        const ex = await startExporterProcess(dir, TOKEN, profiled ? profileDir : undefined);
        try {
          await postAll(ex.url, bodies.slice(0, 20), clients, { token: TOKEN }); // warm-up, not counted
          await waitForFirstProfileBuild(ex.url);
          const passes: Array<Record<string, unknown>> = [];
          for (let pass = 0; pass < PASSES; pass++) passes.push(await measurePass(ex.url, bodies, clients, events.length));
          const rates = passes.map((p) => p.events_per_second as number);
          http.push({ clients, events_per_pass: events.length, events_per_second_median: median(rates), events_per_second_best: Math.max(...rates), passes });
          process.stderr.write(`bench ingest: HTTP, ${clients} client(s): ${rates.join(', ')} events/s\n`);
        } finally {
          await ex.stop();
        }
      }
      const rawLoad = os.loadavg()[0];
      const raw1000: number[] = [];
      const rawAll: number[] = [];
      for (let pass = 0; pass < PASSES; pass++) {
        raw1000.push(Math.round(await rawAppenderRate(path.join(tmp, `raw-1000-${pass}.duckdb`), events, BATCH)));
        rawAll.push(Math.round(await rawAppenderRate(path.join(tmp, `raw-50000-${pass}.duckdb`), events, 50_000)));
      }
      const best = http.reduce((a, b) => ((b.events_per_second_median as number) > (a.events_per_second_median as number) ? b : a));
      const bestMedian = best.events_per_second_median as number;
      return {
        source_events: logEvents.length,
        events: events.length,
        batch_events: BATCH,
        passes_per_setting: PASSES,
        body_bytes_per_event: Math.round(bodyBytes / events.length),
        http,
        raw_appender_events_per_second: {
          commit_every_1000: { median: median(raw1000), passes: raw1000 },
          commit_every_50000: { median: median(rawAll), passes: rawAll },
          load_average_1m_at_start: Number(rawLoad.toFixed(2)),
          load_average_1m_at_end: Number(os.loadavg()[0].toFixed(2)),
        },
        best_http_events_per_second_median: bestMedian,
        best_http_clients: best.clients,
        exporter_cpu_profile_percent: summariseCpuProfiles(profileDir),
        http_vs_raw_1000_medians: Number((bestMedian / median(raw1000)).toFixed(3)),
        target_events_per_second: 100_000,
        target_met_by_median: bestMedian >= 100_000,
        passes_at_or_above_target: http.flatMap((h) => h.passes as Array<{ events_per_second: number }>).filter((p) => p.events_per_second >= 100_000).length,
        note: 'client and exporter share this 2-core machine, and it is shared with other work (see the load averages: above 2 the cores were oversubscribed and every rate here is lower than on a quiet machine); the client is node:http with keep-alive (client_cpu_seconds); the measured exporter runs with its scheduled background jobs off (profile rebuilds, trend refresh, next-action refresh and retraining; all still run on demand), so it measures ingest alone; each setting runs 3 passes of all events against one exporter, so later passes append to a store already holding the earlier ones; exporter_cpu_us_per_event is the exporter process CPU per event, all threads (event loop, parse workers if any, DuckDB); exporter_cpu_profile_percent is where the exporter’s JS threads (event loop and parse workers if any, summed, idle included) spent their time in the 4-client HTTP runs (profiled with --cpu-prof; start-up included; DuckDB’s own threads are not in it); the raw appender builds its chunks with the store’s own column builders',
      };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
