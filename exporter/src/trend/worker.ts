import { parentPort } from 'node:worker_threads';
import type { ObservedMix, RegularSeries } from '@shadowfleet/models';
import { analyseWithSettings } from './analyse';
import type { TrendSettings } from './settings';

/**
 * Worker-thread entry (compiled JS only): runs one analysis off the exporter's event loop. MSTL fitting
 * takes seconds on weeks of data and would otherwise stall /metrics and ingest.
 */
export interface WorkerRequest {
  readonly history: RegularSeries;
  readonly settings: TrendSettings;
  readonly complexity?: RegularSeries;
  readonly mix?: readonly ObservedMix[];
}

parentPort?.once('message', (req: WorkerRequest) => {
  analyseWithSettings(req.history, req.settings, req.complexity, req.mix).then(
    (analysis) => parentPort?.postMessage({ ok: true, analysis }),
    (err: Error) => parentPort?.postMessage({ ok: false, error: err.message }),
  );
});
