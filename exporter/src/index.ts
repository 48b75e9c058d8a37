// Public surface of @shadowfleet/exporter. Only re-exports live here.
export { loadConfig, configSchema, type Config } from './config';
export { createApp, startExporter, type RunningExporter } from './server';
export { repoRoot, sampleDataDir, sharedDataDir, sharedData } from './paths';
