import { DEFAULT_BUILD_OPTIONS, type BuildOptions } from '@shadowfleet/models';
import { detectFormat, formatByName, runImport, storeSink, type ImportFormat, type ImportItem, type ImportSummary } from '../importers';
import { DuckDbEventStore } from '../store/duckdb-store';
import { inlineRunner, type RebuildRunner } from './runner';
import { ProfileService, type RebuildSummary } from './service';
import { storeAggregateSource } from './source';

/** Short names accepted by `--format` besides the importers' own (`nasa` = `nasa-tsv`). */
const FORMAT_ALIASES: Readonly<Record<string, string>> = { nasa: 'nasa-tsv' };

export function profileFormat(name: string): ImportFormat {
  return formatByName(FORMAT_ALIASES[name] ?? name);
}

/** The format reading only the items of the first `limit` distinct users (in file order). */
export function firstUsers(format: ImportFormat, limit: number): ImportFormat {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`--limit-users must be an integer >= 1, got ${limit}`);
  return {
    ...format,
    async *read(file, options): AsyncGenerator<ImportItem> {
      const seen = new Set<string>();
      for await (const item of format.read(file, options)) {
        const user = 'event' in item ? item.event.userId : 'user' in item ? item.user.userId : undefined;
        if (user !== undefined && !seen.has(user)) {
          if (seen.size >= limit) return;
          seen.add(user);
        }
        yield item;
      }
    },
  };
}

export interface OfflineOptions {
  /** Importer name (or `nasa`); detected from the first line when absent. */
  readonly format?: string;
  readonly limitUsers?: number;
  readonly sessionGapMinutes?: number;
  readonly hourOffsetMinutes?: number;
  readonly build?: BuildOptions;
  readonly runner?: RebuildRunner;
}

export interface OfflineResult {
  readonly imported: ImportSummary;
  readonly service: ProfileService;
  readonly summary: RebuildSummary;
  /** Seconds spent importing the file into the in-memory store. */
  readonly importSeconds: number;
}

/**
 * Profiles of a log file without an exporter: the file goes through the same importer into an
 * in-memory DuckDB store, and the same SQL and build as the exporter run on it. Nothing is saved.
 */
export async function profilesFromFile(file: string, options: OfflineOptions = {}): Promise<OfflineResult> {
  const base = options.format ? profileFormat(options.format) : await detectFormat(file);
  const format = options.limitUsers !== undefined ? firstUsers(base, options.limitUsers) : base;
  const sessionGapMinutes = options.sessionGapMinutes ?? 30;
  const store = await DuckDbEventStore.open({ path: ':memory:', sessionGapMinutes });
  try {
    const t0 = performance.now();
    const imported = await runImport(file, format, storeSink(store));
    const importSeconds = (performance.now() - t0) / 1000;
    const service = new ProfileService({
      source: storeAggregateSource(store, { sessionGapMinutes, hourOffsetMinutes: options.hourOffsetMinutes }),
      build: options.build ?? DEFAULT_BUILD_OPTIONS,
      runner: options.runner ?? inlineRunner,
    });
    const summary = await service.rebuild();
    return { imported, service, summary, importSeconds };
  } finally {
    await store.close();
  }
}
