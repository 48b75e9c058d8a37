// sim: reading traces and logs for the fleet simulator (`shadowfleet simulate`). Re-exported from ../index.ts
export { readTraceFile } from './trace-file';
export { readEventsFile } from './events-file';
export { EXPORTER_ADAPTER, DEFAULT_EVENT_FORECAST } from './events-input';
