import { existsSync } from 'node:fs';
import type { ObservedMix, RegularSeries } from '@shadowfleet/models';
import { analyseWithSettings, type TrendAnalysis } from './analyse';
import type { TrendSettings } from './settings';
import type { WorkerRequest } from './worker';
import { compiledWorker, runInWorker } from '../util/worker-thread';

/** Runs one trend analysis; the exporter's refresher calls it on a schedule. */
export type AnalysisRunner = (history: RegularSeries, settings: TrendSettings, complexity?: RegularSeries, mix?: readonly ObservedMix[]) => Promise<TrendAnalysis>;

/** The analysis on the calling thread (async, but the fit itself blocks for its duration). */
export const inProcessRunner: AnalysisRunner = analyseWithSettings;

/** Longest a worker may take before it is terminated and the refresh counts as failed. */
export const WORKER_TIMEOUT_MS = 5 * 60 * 1000;

/** One worker thread per analysis, running the compiled worker.js beside this file; terminated afterwards. */
export function workerRunner(workerFile = compiledWorker(__filename, 'worker.js')): AnalysisRunner {
  return (history, settings, complexity, mix) =>
    runInWorker<TrendAnalysis>(workerFile, { what: 'trend analysis', timeoutMs: WORKER_TIMEOUT_MS }, (worker, job) => {
      worker.once('message', (msg: { ok: true; analysis: TrendAnalysis } | { ok: false; error: string }) => (msg.ok ? job.resolve(msg.analysis) : job.reject(new Error(msg.error))));
      worker.postMessage({ history, settings, complexity, mix } satisfies WorkerRequest);
    });
}

/** A worker thread running the compiled worker.js (see compiledWorker); on the calling thread when it is not built. */
export function defaultRunner(): AnalysisRunner {
  const workerFile = compiledWorker(__filename, 'worker.js');
  return existsSync(workerFile) ? workerRunner(workerFile) : inProcessRunner;
}
