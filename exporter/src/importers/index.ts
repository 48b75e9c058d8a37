// Importers: real logs and generic files → events (and user attributes), streamed in batches.
export type { ImportFormat, ImportItem, ImportOptions, ImportSink } from './types';
export { importFormats, formatByName, detectFormat } from './formats';
export { runImport, IMPORT_BATCH, type ImportSummary } from './run';
export { storeSink, httpSink, shardedHttpSink } from './sinks';
export { urlToAction, urlToDataType, DEFAULT_ACTION_DEPTH } from './url-action';
