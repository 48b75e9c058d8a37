import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import { Command, Option } from 'commander';
import { DEFAULT_BUILD_OPTIONS } from '@shadowfleet/models';
import { DuckDbEventStore, profiles } from '@shadowfleet/exporter';

/**
 * Child process of the `profiles` benchmark: opens a DuckDB store file, rebuilds the profiles once
 * exactly as the exporter does (SQL aggregates → features → K-Means → DBSCAN → names), and prints
 * one JSON line with the stage timings and this process's memory. A separate process, so that its
 * peak RSS is the rebuild's alone. Options (commander): --store <file> --mode <inline|worker> [--no-hours].
 */
async function main(opts: { readonly store: string; readonly mode: 'inline' | 'worker'; readonly hours: boolean }): Promise<void> {
  const { store: file, mode } = opts;
  const store = await DuckDbEventStore.open({ path: file });
  const rssBefore = process.memoryUsage().rss;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  try {
    const service = new profiles.ProfileService({
      source: profiles.storeAggregateSource(store, { sessionGapMinutes: 30 }),
      runner: mode === 'worker' ? profiles.workerRunner : profiles.inlineRunner,
      build: { ...DEFAULT_BUILD_OPTIONS, features: { ...DEFAULT_BUILD_OPTIONS.features, useHours: opts.hours } },
    });
    const cpu0 = process.cpuUsage();
    delay.enable();
    const summary = await service.rebuild();
    delay.disable();
    const cpu = process.cpuUsage(cpu0);
    const mem = process.memoryUsage();
    const heap = v8.getHeapStatistics();
    const mb = (b: number): number => Math.round((b / 2 ** 20) * 10) / 10;
    process.stdout.write(
      `${JSON.stringify({
        mode,
        summary,
        view: profiles.profilesView(service.model, summary),
        // CPU seconds of this process (all its threads, DuckDB's included): less sensitive to other load than wall time.
        cpu_seconds: (cpu.user + cpu.system) / 1e6,
        memory: {
          peak_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
          rss_after_open_mb: mb(rssBefore),
          rss_after_mb: mb(mem.rss),
          heap_used_after_mb: mb(mem.heapUsed),
          heap_total_after_mb: mb(mem.heapTotal),
          v8_peak_malloced_mb: mb(heap.peak_malloced_memory),
        },
        // In worker mode the main thread must stay responsive while K-Means runs in the worker.
        event_loop_delay_ms: { max: delay.max / 1e6, p99: delay.percentile(99) / 1e6 },
      })}\n`,
    );
  } finally {
    await store.close();
  }
}

new Command('rebuild-child')
  .description('One profile rebuild of a DuckDB store in this process; prints its timings and memory as one JSON line')
  .requiredOption('--store <file>', 'the DuckDB store file')
  .addOption(new Option('--mode <mode>', 'where K-Means runs').choices(['inline', 'worker']).makeOptionMandatory())
  .option('--no-hours', 'leave the hour-of-day features out')
  .action(main)
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
