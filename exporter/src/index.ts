// Public surface of @shadowfleet/exporter. Only re-exports live here.
export { loadConfig, configSchema, type Config } from './config';
export { createApp, startExporter, type RunningExporter } from './server';
export { repoRoot, sampleDataDir, sharedDataDir, sharedData } from './paths';
export { readTraceFile } from './sim/trace-file';
export * as simulation from './sim';
export * from './nextaction/index';
export * as profiles from './profiles';
export { DuckDbEventStore } from './store';
export { runImport, formatByName, storeSink } from './importers';
export { importFormats, detectFormat, httpSink, shardedHttpSink, type ImportSummary } from './importers';
export { eventChunks, CREATE_TABLES_SQL, type EventStore, type IncomingEvent } from './store';
export * as policy from './policy';
export * as feedback from './feedback';
export * as priority from './priority';
export * as identity from './identity';
export * as experiments from './experiments';
export * as otlp from './ingest/otlp';
export { haproxyFrontendLines } from './ingest/haproxy/log-line';
