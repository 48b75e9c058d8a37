import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_BUILD_OPTIONS } from '@shadowfleet/models';
import { DuckDbEventStore, formatByName, profiles, runImport, storeSink } from '@shadowfleet/exporter';
import type { BenchSuite } from '../suite';
import { EPA_LOG, MSNBC_LOG, NASA_LOG, SHOPPERS } from '../data/request-logs';
import { needSharedData } from '../data/shared-data';

const run = promisify(execFile);
const MSNBC_USERS = 100_000;
const TARGET_SECONDS = 30;
/**
 * Real logs, hosts or sessions as users. Web logs use local time (EDT) for the active-hours features;
 * MSNBC and the shoppers sessions have no clock times (the importers lay events out at made-up
 * times), so their rebuilds leave the active-hours features out.
 */
const REAL = [
  { name: 'nasa', file: NASA_LOG.file, format: NASA_LOG.format, hourOffsetMinutes: -240, useHours: true },
  { name: 'epa', file: EPA_LOG.file, format: EPA_LOG.format, hourOffsetMinutes: -240, useHours: true },
  { name: 'shoppers', file: SHOPPERS.file, format: SHOPPERS.format, hourOffsetMinutes: 0, useHours: false },
] as const;


async function child(storeFile: string, mode: 'inline' | 'worker'): Promise<Record<string, unknown>> {
  const script = path.join(__dirname, '..', 'profiles', 'rebuild-child.js');
  const { stdout } = await run(process.execPath, [script, '--store', storeFile, '--mode', mode, '--no-hours'], { maxBuffer: 64 * 2 ** 20 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** The first 100,000 MSNBC users into a DuckDB file, then a rebuild in a fresh process (inline, then in a worker). */
async function msnbc100k(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sf-bench-profiles-'));
  try {
    const storeFile = path.join(dir, 'events.duckdb');
    const store = await DuckDbEventStore.open({ path: storeFile });
    const t0 = performance.now();
    const imported = await runImport(needSharedData(MSNBC_LOG.file, 'profiles'), profiles.firstUsers(formatByName(MSNBC_LOG.format), MSNBC_USERS), storeSink(store));
    const importSeconds = (performance.now() - t0) / 1000;
    await store.close();
    const inline = await child(storeFile, 'inline');
    const worker = await child(storeFile, 'worker');
    const seconds = (inline.summary as { durationSeconds: number }).durationSeconds;
    return {
      data: `first ${MSNBC_USERS} users (sessions) of ../shared/data/${MSNBC_LOG.file}`,
      events: imported.events,
      import_seconds: importSeconds,
      rebuild_seconds: seconds,
      target_seconds: TARGET_SECONDS,
      within_target: seconds < TARGET_SECONDS,
      inline,
      active_hours_features: false,
      worker: { durationSeconds: (worker.summary as { durationSeconds: number }).durationSeconds, cpu_seconds: worker.cpu_seconds, memory: worker.memory, event_loop_delay_ms: worker.event_loop_delay_ms },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function realLog(spec: (typeof REAL)[number]): Promise<Record<string, unknown>> {
  const build = { ...DEFAULT_BUILD_OPTIONS, features: { ...DEFAULT_BUILD_OPTIONS.features, useHours: spec.useHours } };
  const r = await profiles.profilesFromFile(needSharedData(spec.file, 'profiles'), { format: spec.format, hourOffsetMinutes: spec.hourOffsetMinutes, build });
  return {
    data: `../shared/data/${spec.file}`,
    format: spec.format,
    hour_offset_minutes: spec.hourOffsetMinutes,
    active_hours_features: spec.useHours,
    events: r.imported.events,
    import_seconds: r.importSeconds,
    rebuild: r.summary,
    view: profiles.profilesView(r.service.model, r.summary),
  };
}

export const profilesSuite: BenchSuite = {
  name: 'profiles',
  description: `profile rebuild for ${MSNBC_USERS.toLocaleString('en-US')} MSNBC users (target < ${TARGET_SECONDS} s, peak memory), and the profiles found in the NASA, EPA and online-shoppers data`,
  async run() {
    // Other processes on this shared 2-core machine slow every stage: the load is recorded beside the times.
    const results: Record<string, unknown> = { load_average_at_start: os.loadavg(), msnbc_100k: await msnbc100k() };
    for (const spec of REAL) results[spec.name] = await realLog(spec);
    results.load_average_at_end = os.loadavg();
    return results;
  },
};
